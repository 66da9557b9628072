package dev.ocxlpmem.scm;

/**
 * Bytes that do not hold what they should: a data buffer payload from the controller, or an
 * {@code ND_CMD_CALL} package of the OCXL family. The message says which field is wrong and how.
 */
public class MalformedPayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
