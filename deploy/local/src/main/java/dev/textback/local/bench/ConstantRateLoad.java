package dev.textback.local.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * An open-loop load generator: request i is due at start + i / rate, whatever happened to the ones
 * before it, and its latency is measured from that due time, so a stalled server shows up as latency
 * instead of silently lowering the offered rate (no coordinated omission).
 */
final class ConstantRateLoad {
    /** Requests outstanding beyond this count as errors: the generator must not queue without bound. */
    private static final int MAX_OUTSTANDING = 20_000;

    /**
     * @param scheduledSeconds how long the schedule lasted (offered rate = offered / this)
     * @param elapsedSeconds   from the first due time to the last answer (achieved rate = ok / this)
     */
    record Result(double scheduledSeconds, double elapsedSeconds, long offered, long ok, long errors, double p50,
            double p99, double p999, double max) {
        double offeredRate() {
            return offered / scheduledSeconds;
        }

        double achievedRate() {
            return ok / elapsedSeconds;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;

    ConstantRateLoad(int port, int connections) {
        this.port = port;
        this.vertx = Vertx.vertx();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(connections)
                .setMaxWaitQueueSize(MAX_OUTSTANDING));
    }

    /** Sends {@code rate} requests per second for {@code seconds}; body i comes from {@code bodies}. */
    Result run(String path, int rate, int seconds, LongFunction<String> bodies) throws InterruptedException {
        long total = (long) rate * seconds;
        Latencies latencies = new Latencies((int) Math.min(Integer.MAX_VALUE, total));
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong finished = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        double nanosPerRequest = 1e9 / rate;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader("Content-Type", "application/json");
        long timer = vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / nanosPerRequest) + 1);
            while (sent.get() < due) {
                long i = sent.getAndIncrement();
                long intended = start + (long) (i * nanosPerRequest);
                if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
                    outstanding.decrementAndGet();
                    errors.incrementAndGet();
                    complete(finished, total, done);
                    continue;
                }
                Buffer body = Buffer.buffer(bodies.apply(i));
                client.request(options)
                        .compose(req -> req.send(body))
                        .onComplete(ar -> {
                            outstanding.decrementAndGet();
                            lastAnswer.set(System.nanoTime());
                            if (ar.succeeded() && ar.result().statusCode() == 200) {
                                ok.incrementAndGet();
                                latencies.add((System.nanoTime() - intended) / 1000);
                            } else {
                                errors.incrementAndGet();
                            }
                            complete(finished, total, done);
                        });
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(id);
            }
        });
        if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
            vertx.cancelTimer(timer);
        }
        double elapsed = Math.max(seconds, (lastAnswer.get() - start) / 1e9);
        return new Result(seconds, elapsed, total, ok.get(), errors.get() + (total - finished.get()),
                latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), latencies.percentileMillis(0.999),
                latencies.maxMillis());
    }

    private static void complete(AtomicLong finished, long total, CountDownLatch done) {
        if (finished.incrementAndGet() == total) {
            done.countDown();
        }
    }

    void close() {
        client.close();
        vertx.close();
    }

    int port() {
        return port;
    }
}
