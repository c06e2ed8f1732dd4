package dev.textback.local.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, read from /proc, for the stack's own report and the benchmarks. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** VmRSS in MiB, or empty where /proc is not there (not Linux) or the process is gone. */
    public static OptionalLong rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return OptionalLong.of(kb / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process already exited
        }
        return OptionalLong.empty();
    }
}
