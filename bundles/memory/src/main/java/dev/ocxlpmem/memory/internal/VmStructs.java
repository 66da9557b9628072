package dev.ocxlpmem.memory.internal;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Field offsets that HotSpot publishes for its Serviceability Agent: the exported table
 * {@code gHotSpotVMStructs} of {@code VMStructEntry} (type name, field name, type string, is
 * static, offset, address), whose layout the {@code gHotSpotVMStructEntry*Offset} and
 * {@code gHotSpotVMStructEntryArrayStride} symbols give (HotSpot {@code vmStructs.hpp}; read
 * the same way by {@code sun.jvm.hotspot.HotSpotTypeDataBase}). Read-only, once.
 */
final class VmStructs {

    private VmStructs() {
    }

    /**
     * Offset of the non-static field {@code type::field}, or -1 if this JVM does not publish
     * it (another JVM, another HotSpot version, a symbol not found).
     */
    static long fieldOffset(String type, String field) {
        try {
            NativeLibrary jvm = jvm();
            Pointer entries = jvm.getGlobalVariableAddress("gHotSpotVMStructs").getPointer(0);
            long typeName = symbol(jvm, "gHotSpotVMStructEntryTypeNameOffset");
            long fieldName = symbol(jvm, "gHotSpotVMStructEntryFieldNameOffset");
            long isStatic = symbol(jvm, "gHotSpotVMStructEntryIsStaticOffset");
            long offset = symbol(jvm, "gHotSpotVMStructEntryOffsetOffset");
            long stride = symbol(jvm, "gHotSpotVMStructEntryArrayStride");
            if (entries == null || stride <= 0) {
                return -1;
            }
            for (long i = 0; i < 100_000; i++) {
                Pointer entry = entries.share(i * stride);
                Pointer name = entry.getPointer(typeName);
                if (name == null) {
                    return -1; // the table ends with an entry whose type name is null
                }
                Pointer fieldNamePointer = entry.getPointer(fieldName);
                if (fieldNamePointer != null && entry.getInt(isStatic) == 0 && name.getString(0).equals(type)
                        && fieldNamePointer.getString(0).equals(field)) {
                    return entry.getLong(offset);
                }
            }
            return -1;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return -1;
        }
    }

    /** libjvm is loaded RTLD_GLOBAL by the launcher, so the process's symbols include it. */
    private static NativeLibrary jvm() {
        try {
            NativeLibrary process = NativeLibrary.getProcess();
            process.getGlobalVariableAddress("gHotSpotVMStructs");
            return process;
        } catch (UnsatisfiedLinkError e) {
            return NativeLibrary.getInstance("jvm");
        }
    }

    private static long symbol(NativeLibrary jvm, String name) {
        return jvm.getGlobalVariableAddress(name).getLong(0);
    }
}
