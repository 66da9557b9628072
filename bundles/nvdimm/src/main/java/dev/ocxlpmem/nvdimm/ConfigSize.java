package dev.ocxlpmem.nvdimm;

/** The answer to {@code ND_CMD_GET_CONFIG_SIZE} ({@code struct nd_cmd_get_config_size}). */
public record ConfigSize(long configSize, int maxXfer) {
}
