package dev.ocxlpmem.scm;

/**
 * What a SECURE_ERASE response reports in its words at +0x20..+0x38 (the series' RFC
 * {@code NS_RESPONSE_SECURE_ERASE_*}): accessible pages overwritten and attempted, defective pages
 * overwritten and attempted. A page here is 4 KiB of media; defective pages are those holding
 * poison, which an overwrite clears.
 */
public record SecureEraseResult(long accessibleSucceeded, long accessibleAttempted, long defectiveSucceeded,
        long defectiveAttempted) {
    public static final int PAGE = 4096;
    public static final SecureEraseResult NONE = new SecureEraseResult(0, 0, 0, 0);

    public static SecureEraseResult of(Response response) {
        return new SecureEraseResult(response.result(4), response.result(5), response.result(6), response.result(7));
    }

    /** Result words 1..7 of the response (words 1..3 zero). */
    public long[] results() {
        return new long[] {0, 0, 0, accessibleSucceeded, accessibleAttempted, defectiveSucceeded, defectiveAttempted};
    }

    public boolean complete() {
        return accessibleSucceeded == accessibleAttempted && defectiveSucceeded == defectiveAttempted;
    }
}
