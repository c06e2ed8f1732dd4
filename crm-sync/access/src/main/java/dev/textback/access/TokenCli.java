package dev.textback.access;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line for operators and the local stack (see docs/security.md):
 * <pre>
 *   keygen DIR                                 writes DIR/jwt-private.pem and DIR/jwt-public.pem
 *   issue --key PRIVATE.pem --role admin|business [--business ID]... [--ttl 12h] [--subject NAME]
 *         [--issuer URL]                       prints one signed token
 * </pre>
 * Exit status 0 on success, 2 on bad usage.
 */
public final class TokenCli {
    static final Duration DEFAULT_TTL = Duration.ofHours(12);
    static final Duration MAX_TTL = Duration.ofDays(90);

    private TokenCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("no command");
            }
            switch (args[0]) {
                case "keygen" -> {
                    if (args.length != 2) {
                        throw new IllegalArgumentException("keygen takes one directory");
                    }
                    Path dir = Path.of(args[1]);
                    KeyPairs.writeNew(dir);
                    out.println("wrote " + dir.resolve(KeyPairs.PRIVATE_FILE) + " (keep it secret) and "
                            + dir.resolve(KeyPairs.PUBLIC_FILE) + " (give it to every service as MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
                }
                case "issue" -> out.println(issue(args));
                case "help", "--help", "-h" -> out.println(usage());
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return 2;
        } catch (java.io.UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    static String issue(String[] args) {
        String key = null;
        String role = null;
        String subject = null;
        String issuer = TokenClaims.issuer();
        Duration ttl = DEFAULT_TTL;
        List<String> businesses = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--key" -> key = value;
                case "--role" -> role = value;
                case "--business" -> businesses.add(value);
                case "--ttl" -> ttl = parseTtl(value);
                case "--subject" -> subject = value;
                case "--issuer" -> issuer = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (key == null || role == null) {
            throw new IllegalArgumentException("issue needs --key and --role");
        }
        if (!role.equals(Roles.ADMIN) && !role.equals(Roles.BUSINESS)) {
            throw new IllegalArgumentException("role must be admin or business");
        }
        TokenIssuer issuerOfTokens = new TokenIssuer(KeyPairs.readPrivate(Path.of(key)), issuer);
        return switch (role) {
            case Roles.ADMIN -> {
                if (!businesses.isEmpty()) {
                    throw new IllegalArgumentException("an admin token names no business (it sees all)");
                }
                yield issuerOfTokens.admin(subject == null ? "operator" : subject, ttl);
            }
            case Roles.BUSINESS -> {
                if (businesses.isEmpty()) {
                    throw new IllegalArgumentException("a business token needs at least one --business ID");
                }
                yield issuerOfTokens.business(subject == null ? "business:" + String.join(",", businesses) : subject,
                        businesses, ttl);
            }
            default -> throw new IllegalArgumentException("role must be admin or business");
        };
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d} or ISO-8601 ({@code PT12H}); at most 90 days. */
    static Duration parseTtl(String text) {
        Duration ttl;
        try {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("p")) {
                ttl = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                ttl = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new IllegalArgumentException("bad unit");
                };
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--ttl must look like 90s, 30m, 12h, 7d or PT12H, not " + text);
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("--ttl must be positive and at most " + MAX_TTL.toDays() + " days");
        }
        return ttl;
    }

    static String usage() {
        return """
                usage:
                  TokenCli keygen DIR
                  TokenCli issue --key PRIVATE.pem --role admin|business [--business ID]... [--ttl 12h] [--subject NAME] [--issuer URL]""";
    }
}
