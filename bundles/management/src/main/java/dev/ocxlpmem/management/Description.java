package dev.ocxlpmem.management;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What JConsole shows for an MBean, attribute, operation or parameter. On a parameter,
 * {@link #name()} replaces the {@code p0}, {@code p1} a JMX client would show otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
    String value();

    /** For parameters: the name to show. */
    String name() default "";
}
