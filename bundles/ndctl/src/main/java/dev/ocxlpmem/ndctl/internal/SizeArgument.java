package dev.ocxlpmem.ndctl.internal;

import java.math.BigInteger;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceOptions.Size;

/**
 * A size as ndctl reads one ({@code util/size.c __parse_size64}): a C integer (decimal,
 * {@code 0x} hex or {@code 0} octal) and an optional suffix {@code K}, {@code M}, {@code G} or
 * {@code T} (either case, powers of 1024). The suffix's multiplier is kept as the size's unit:
 * ndctl's advice for a misaligned size is in the units the user typed.
 */
final class SizeArgument {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SizeArgument() {
    }

    /**
     * @param what how ndctl names the value in its message ({@code namespace size}, ...)
     * @throws NamespaceException if it is not a size, or does not fit in 63 bits
     */
    static Size parse(String text, String what) throws NamespaceException {
        String t = text == null ? "" : text.strip();
        int i = 0;
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            i = 2;
        } else if (t.startsWith("0") && t.length() > 1 && Character.isDigit(t.charAt(1))) {
            radix = 8;
            i = 1;
        }
        int digits = i;
        while (digits < t.length() && Character.digit(t.charAt(digits), radix) >= 0) {
            digits++;
        }
        if (digits == i && !(radix == 10 && t.startsWith("0"))) {
            throw refused(text, what);
        }
        BigInteger value = digits == i ? BigInteger.ZERO : new BigInteger(t.substring(i, digits), radix);
        long units = 1;
        if (digits < t.length()) {
            units = unit(t.charAt(digits));
            if (units == 0 || digits + 1 != t.length()) {
                throw refused(text, what);
            }
        }
        value = value.multiply(BigInteger.valueOf(units));
        if (value.compareTo(U64_MAX) >= 0) {
            throw refused(text, what);
        }
        if (value.bitLength() > 63) {
            throw new NamespaceException(what + " '" + text + "' is too large");
        }
        return new Size(value.longValueExact(), units);
    }

    private static long unit(char c) {
        switch (Character.toUpperCase(c)) {
            case 'K':
                return 1L << 10;
            case 'M':
                return 1L << 20;
            case 'G':
                return 1L << 30;
            case 'T':
                return 1L << 40;
            default:
                return 0;
        }
    }

    private static NamespaceException refused(String text, String what) {
        return new NamespaceException("failed to parse " + what + " '" + text + "'");
    }
}
