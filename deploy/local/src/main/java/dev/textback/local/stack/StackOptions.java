package dev.textback.local.stack;

import java.nio.file.Path;

/** Command-line options of the local stack. */
public record StackOptions(Path home, boolean exitAfterReport, long seed, int callsPerBusiness, int weeks) {

    /** A real-time burst (no simulated weeks). */
    public StackOptions(Path home, boolean exitAfterReport, long seed, int callsPerBusiness) {
        this(home, exitAfterReport, seed, callsPerBusiness, 0);
    }

    public static StackOptions parse(String[] args) {
        Path home = Path.of(System.getProperty("textback.home", ".")).toAbsolutePath().normalize();
        boolean exit = false;
        long seed = 42;
        int calls = 40;
        int weeks = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exit" -> exit = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--weeks" -> weeks = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: deploy/local/run [--exit] [--seed N] [--calls N] [--weeks N]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (calls < 1 || calls > 100_000) {
            throw new IllegalArgumentException("--calls must be between 1 and 100000");
        }
        if (weeks < 0 || weeks > 8) {
            throw new IllegalArgumentException("--weeks must be between 0 (a real-time burst) and 8");
        }
        return new StackOptions(home, exit, seed, calls, weeks);
    }
}
