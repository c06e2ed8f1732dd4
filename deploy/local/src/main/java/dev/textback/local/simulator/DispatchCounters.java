package dev.textback.local.simulator;

/** What sms-dispatch says it has done, read from its Prometheus endpoint. */
final class DispatchCounters {
    private DispatchCounters() {
    }

    /** Missed calls decided so far (a text queued or a suppression published); -1 when unreadable. */
    static long decidedCalls(String smsDispatchUrl) {
        Http.Reply reply = Http.get(smsDispatchUrl + "/q/metrics");
        if (reply.status() != 200) {
            return -1;
        }
        double sum = 0;
        for (String line : reply.body().split("\n")) {
            if (line.startsWith("textback_texts_suppressed_total{") || line.startsWith("textback_texts_queued_total")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }
}
