package dev.ocxlpmem.ndctl;

import java.util.List;

/**
 * What {@code ndctl list} prints, and what it leaves out without saying.
 *
 * @param json ndctl's JSON, as the console prints it; empty when nothing is listed (ndctl then prints nothing)
 * @param hidden the devices the request matched but left out because they are disabled and
 *        {@code -i} was not given, so that an empty listing need not be mistaken for no devices
 */
public record Listing(String json, List<String> hidden) {
    public Listing {
        hidden = List.copyOf(hidden);
    }
}
