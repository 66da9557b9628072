package dev.ocxlpmem.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of configuration annotations ({@code @ObjectClassDefinition} types such as
 * {@code DriverConfig} or {@code EmulatedCardConfig}) as Declarative Services would make them from
 * a configuration: the given values, the annotation's defaults for the rest.
 */
public final class ComponentConfig {
    private ComponentConfig() {
    }

    /**
     * @param values by method name, e.g. {@code Map.of("labelAreaSize", 131072L)}
     * @throws IllegalArgumentException for a name the type does not have, or a value of another type
     */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Method m;
            try {
                m = type.getMethod(e.getKey());
            } catch (NoSuchMethodException missing) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no attribute " + e.getKey());
            }
            if (!box(m.getReturnType()).isInstance(e.getValue())) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + e.getKey() + " is a "
                        + m.getReturnType().getSimpleName() + ", not " + e.getValue());
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            if (name.equals("annotationType") && method.getParameterCount() == 0) {
                return type;
            }
            if (name.equals("toString") && method.getParameterCount() == 0) {
                return type.getSimpleName() + values;
            }
            if (name.equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(self);
            }
            if (name.equals("equals") && method.getParameterCount() == 1) {
                return self == args[0];
            }
            return values.containsKey(name) ? values.get(name) : method.getDefaultValue();
        });
        return type.cast(proxy);
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "long" -> Long.class;
            case "int" -> Integer.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            case "float" -> Float.class;
            default -> Double.class;
        };
    }
}
