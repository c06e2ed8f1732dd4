package dev.textback.local.stack;

import java.nio.file.Path;

/** Command-line options of the local stack. */
public record StackOptions(Path home, boolean exitAfterReport, long seed, int callsPerBusiness) {

    public static StackOptions parse(String[] args) {
        Path home = Path.of(System.getProperty("textback.home", ".")).toAbsolutePath().normalize();
        boolean exit = false;
        long seed = 42;
        int calls = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exit" -> exit = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: deploy/local/run [--exit] [--seed N] [--calls N]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (calls < 1 || calls > 100_000) {
            throw new IllegalArgumentException("--calls must be between 1 and 100000");
        }
        return new StackOptions(home, exit, seed, calls);
    }
}
