package dev.textback.dispatch.hours;

import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * US states whose telemarketing laws allow fewer hours than the federal 8:00-21:00, looked up by the
 * area code of the recipient's number (the state the number was issued in: a moved or ported number
 * keeps its area code, which is the best a texting system can know). The table, with its sources, is
 * in docs/texting-hours.md; keep the two in step.
 */
public final class StateWindows {
    /** One state's rule: the window on Monday-Saturday and on Sunday. */
    public record Rule(String state, DailyWindow weekdays, DailyWindow sunday) {
        public DailyWindow on(DayOfWeek day) {
            return day == DayOfWeek.SUNDAY ? sunday : weekdays;
        }
    }

    private static final DailyWindow EIGHT_TO_EIGHT = new DailyWindow(8 * 60, 20 * 60);
    private static final Map<String, Rule> BY_AREA_CODE = new HashMap<>();

    static {
        // Florida Telephone Solicitation Act, Fla. Stat. 501.059(8)(a): 8 a.m. - 8 p.m.
        add(new Rule("FL", EIGHT_TO_EIGHT, EIGHT_TO_EIGHT), List.of("239", "305", "321", "324", "352", "386", "407",
                "448", "561", "645", "656", "689", "727", "728", "754", "772", "786", "813", "850", "863", "904", "941",
                "954"));
        // Oklahoma Telephone Solicitation Act of 2022, 15 O.S. 775C.4: 8 a.m. - 8 p.m.
        add(new Rule("OK", EIGHT_TO_EIGHT, EIGHT_TO_EIGHT), List.of("405", "539", "572", "580", "918"));
        // Maryland Stop the Spam Calls Act (2023), Md. Code Com. Law 14-4503: 8 a.m. - 8 p.m.
        add(new Rule("MD", EIGHT_TO_EIGHT, EIGHT_TO_EIGHT), List.of("227", "240", "301", "410", "443", "667"));
        // Washington, RCW 80.36.390: 8 a.m. - 8 p.m.
        add(new Rule("WA", EIGHT_TO_EIGHT, EIGHT_TO_EIGHT), List.of("206", "253", "360", "425", "509", "564"));
        // Texas Bus. & Com. Code 301.051: 9 a.m. - 9 p.m. Monday-Saturday, noon - 9 p.m. Sunday.
        add(new Rule("TX", new DailyWindow(9 * 60, 21 * 60), new DailyWindow(12 * 60, 21 * 60)),
                List.of("210", "214", "254", "281", "325", "346", "361", "409", "430", "432", "469", "512", "682",
                        "713", "726", "737", "806", "817", "830", "832", "903", "915", "936", "940", "945", "956",
                        "972", "979"));
    }

    private StateWindows() {
    }

    private static void add(Rule rule, List<String> areaCodes) {
        areaCodes.forEach(a -> BY_AREA_CODE.put(a, rule));
    }

    /** The stricter state rule for a +1 number in E.164, if its area code is in one of those states. */
    public static Optional<Rule> forNumber(String e164) {
        if (e164 == null || !e164.startsWith("+1") || e164.length() != 12) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_AREA_CODE.get(e164.substring(2, 5)));
    }
}
