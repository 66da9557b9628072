package dev.ocxlpmem.management.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;

import dev.ocxlpmem.management.Description;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * An MXBean (open types, so that Karaf's JMX whiteboard keeps them: it would wrap a plain object
 * as a standard MBean) that emits lifecycle notifications and describes itself to JConsole from the
 * {@link Description}s on its interface.
 */
abstract class DescribedView extends StandardEmitterMBean {
    /** A notification type for every event: {@code dev.ocxlpmem.region.disabled} and so on. */
    static String notificationType(NvdimmEvent.Kind kind, NvdimmEvent.Action action) {
        return "dev.ocxlpmem." + kind.name().toLowerCase(Locale.ROOT) + "." + action.name().toLowerCase(Locale.ROOT);
    }

    /** A notification type for every namespace event: {@code dev.ocxlpmem.namespace.created} and so on. */
    static String notificationType(NamespaceEvent.Action action) {
        return "dev.ocxlpmem.namespace." + action.name().toLowerCase(Locale.ROOT);
    }

    private final Class<?> type;
    private final ObjectName name;
    private final AtomicLong sequence = new AtomicLong();

    DescribedView(Class<?> type, ObjectName name, NvdimmEvent.Kind... kinds) {
        this(type, name, false, kinds);
    }

    /** @param namespaceEvents whether it also sends namespace notifications */
    DescribedView(Class<?> type, ObjectName name, boolean namespaceEvents, NvdimmEvent.Kind... kinds) {
        super(type, true, new NotificationBroadcasterSupport(notifications(namespaceEvents, kinds)));
        this.type = type;
        this.name = name;
    }

    /** A notification type for every controller event: {@code dev.ocxlpmem.scm.health.changed} and so on. */
    static String notificationType(ScmEvent.Kind kind) {
        return "dev.ocxlpmem.scm." + kind.dotted();
    }

    /**
     * The lifecycle notifications of {@code kinds}, and the namespaces' if asked; views of DIMMs
     * also send their controllers' events.
     */
    private static MBeanNotificationInfo[] notifications(boolean namespaceEvents, NvdimmEvent.Kind... kinds) {
        Stream<MBeanNotificationInfo> devices = Arrays.stream(kinds).map(kind -> new MBeanNotificationInfo(
                Arrays.stream(NvdimmEvent.Action.values()).map(a -> notificationType(kind, a)).toArray(String[]::new),
                Notification.class.getName(), kind.segment() + " added, removed, enabled or disabled"));
        Stream<MBeanNotificationInfo> namespaces = !namespaceEvents ? Stream.empty() : Stream.of(new MBeanNotificationInfo(
                Arrays.stream(NamespaceEvent.Action.values()).map(a -> notificationType(a)).toArray(String[]::new),
                Notification.class.getName(), "Namespace created, reconfigured, destroyed, enabled, disabled, added with its"
                        + " region or removed with it"));
        Stream<MBeanNotificationInfo> controller = Arrays.asList(kinds).contains(NvdimmEvent.Kind.DIMM)
                ? Stream.of(new MBeanNotificationInfo(Arrays.stream(ScmEvent.Kind.values())
                        .map(k -> notificationType(k)).toArray(String[]::new), Notification.class.getName(),
                        "A DIMM's controller: health changed, error logged, fatal state, dump available, "
                                + "overwrite ended; the user data is the DIMM's name"))
                : Stream.empty();
        return Stream.of(devices, namespaces, controller).flatMap(x -> x).toArray(MBeanNotificationInfo[]::new);
    }

    ObjectName objectName() {
        return name;
    }

    /** Sends {@code event} to this MBean's listeners; the message reads as {@code region0 (ndbus0): Region DISABLED}. */
    void notify(NvdimmEvent event) {
        Notification n = new Notification(notificationType(event.kind(), event.action()), name,
                sequence.incrementAndGet(), System.currentTimeMillis(), event.toString());
        n.setUserData(event.dev());
        sendNotification(n);
    }

    /** Sends a DIMM controller's event to this MBean's listeners, e.g. {@code nmem0 (0006:00:00.1): health changed: ok -> critical}. */
    void notify(ScmEvent event) {
        Notification n = new Notification(notificationType(event.kind()), name, sequence.incrementAndGet(),
                System.currentTimeMillis(), event.message());
        n.setUserData(event.dev());
        sendNotification(n);
    }

    /** Sends a namespace's {@code event}; the message reads as {@code namespace0.1 (region0): CREATED}. */
    void notify(NamespaceEvent event) {
        Notification n = new Notification(notificationType(event.action()), name, sequence.incrementAndGet(),
                System.currentTimeMillis(), event.toString());
        n.setUserData(event.dev());
        sendNotification(n);
    }

    /**
     * A JMX client has none of this project's classes: a missing role travels as a
     * {@link SecurityException}, another refusal as an {@link IllegalArgumentException}, a fault as an
     * {@link IllegalStateException}, message only.
     */
    static RuntimeException forJmx(NvdimmException e) {
        if (e instanceof NotPermittedException) {
            return new SecurityException(e.getMessage());
        }
        return e.isFault() ? new IllegalStateException(e.getMessage()) : new IllegalArgumentException(e.getMessage());
    }

    // -------------------------------------------------------------- what JConsole shows

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return method("get" + info.getName(), -1).or(() -> method("is" + info.getName(), -1))
                .map(m -> m.getAnnotation(Description.class)).map(Description::value)
                .orElseGet(() -> super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return method(info.getName(), info.getSignature().length).map(m -> m.getAnnotation(Description.class))
                .map(Description::value).orElseGet(() -> super.getDescription(info));
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence).map(Description::name).filter(n -> !n.isEmpty())
                .orElseGet(() -> super.getParameterName(op, param, sequence));
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence).map(Description::value)
                .orElseGet(() -> super.getDescription(op, param, sequence));
    }

    private Optional<Description> parameter(MBeanOperationInfo op, int sequence) {
        return method(op.getName(), op.getSignature().length).map(m -> m.getParameters()[sequence])
                .map((Parameter p) -> p.getAnnotation(Description.class));
    }

    private Optional<Method> method(String methodName, int parameters) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && (parameters < 0 || m.getParameterCount() == parameters))
                .findFirst();
    }
}
