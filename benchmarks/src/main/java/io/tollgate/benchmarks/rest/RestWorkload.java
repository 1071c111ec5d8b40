package io.tollgate.benchmarks.rest;

import io.tollgate.modeler.compiler.TemplateCompiler;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST workload: the five-stage template driven through Tollgate's REST API by its users, and the
 * same compiled BPMN through Flowable's Java API, on the same PostgreSQL server in one run, at each
 * number of concurrent clients. Prints a Markdown report (also written to {@code --out}).
 *
 * <pre>
 * ./mvnw -Pbenchmarks -pl benchmarks -am package -DskipTests
 * ./mvnw -pl engine -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.tollgate.benchmarks.rest.RestWorkload --clients=1,4,16,64
 * </pre>
 *
 * Options (defaults in brackets): {@code --clients} [1,4,16,64], {@code --warmup} seconds per step [10],
 * {@code --measure} seconds per step [30], {@code --jit-warmup} seconds
 * of load on each side before the first step [60], {@code --db} admin JDBC URL
 * [jdbc:postgresql://127.0.0.1:5432/postgres], {@code --db-user} [postgres], {@code --db-password} [],
 * {@code --jar} [engine/target/tollgate-engine.jar], {@code --heap} of the server [1g],
 * {@code --history} levels raw Flowable runs at, one run each [full,none: the design's reference, then
 * Tollgate's own], {@code --only=tollgate} to run Tollgate's side
 * alone and print its lines (for comparing settings; no report), {@code --out} [benchmarks/target/rest-workload.md].
 */
public final class RestWorkload {

    private RestWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int[] clients = Arrays.stream(o.getOrDefault("clients", "1,4,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "10"));
        double measure = Double.parseDouble(o.getOrDefault("measure", "30"));
        // a fresh JVM spends most of its first minute compiling: both sides run the workload this long
        // before the first step, so the steps measure a running server rather than the JIT compiler
        double jitWarmup = Double.parseDouble(o.getOrDefault("jit-warmup", "60"));
        Database db = new Database(o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""));
        File jar = new File(o.getOrDefault("jar", "engine/target/tollgate-engine.jar"));
        // the design's reference is raw Flowable at full history; the second level is Tollgate's own
        List<String> histories = Arrays.stream(o.getOrDefault("history", "full,none").split(",")).map(String::strip).toList();
        File out = new File(o.getOrDefault("out", "benchmarks/target/rest-workload.md"));
        if (!jar.isFile()) {
            throw new IllegalArgumentException("No engine jar at " + jar + "; build it with ./mvnw -pl engine -am package -DskipTests");
        }

        String yaml;
        try (InputStream in = RestWorkload.class.getResourceAsStream("/workload/five-stages.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Template template = new TemplateReader().read(yaml, TemplateFormat.YAML).template();
        String bpmn = new TemplateCompiler().compile(template).xml();
        int maxClients = Arrays.stream(clients).max().orElse(1);

        Map<String, List<Step>> raw = new LinkedHashMap<>();
        String rawDb = "tg_bench_raw";
        boolean tollgateOnly = "tollgate".equals(o.get("only"));
        for (String history : tollgateOnly ? List.<String>of() : histories) {
            List<Step> steps = new ArrayList<>();
            try (RawFlowable flowable = new RawFlowable(db.fresh(rawDb), db, bpmn, "five-stages", history, maxClients + 2)) {
                if (jitWarmup > 0) {
                    flowable.run(4, jitWarmup, 1, db, rawDb);
                }
                for (int c : clients) {
                    Step step = flowable.run(c, warmup, measure, db, rawDb).named("Flowable Java API, history " + history);
                    System.out.println(line(step));
                    steps.add(step);
                }
            } finally {
                db.drop(rawDb);
            }
            raw.put(history, steps);
        }

        List<Step> rest = new ArrayList<>();
        String restDb = "tg_bench_rest";
        File log = new File(out.getParentFile(), "tollgate-server.log");
        out.getParentFile().mkdirs();
        try (TollgateServer server = new TollgateServer(jar, db.fresh(restDb), db, o.getOrDefault("heap", "1g"), log)) {
            server.prepare(yaml, Duration.ofMinutes(3));
            RestClients driver = new RestClients(server);
            if (jitWarmup > 0) {
                driver.run(4, jitWarmup, 1, db, restDb);
            }
            for (int c : clients) {
                Step step = driver.run(c, warmup, measure, db, restDb);
                System.out.println(line(step));
                rest.add(step);
            }
        } finally {
            db.drop(restDb);
        }

        if (tollgateOnly) {
            System.exit(rest.stream().mapToLong(Step::errors).sum() > 0 ? 1 : 0);
        }
        String report = report(raw, rest, jitWarmup, warmup, measure);
        Files.writeString(out.toPath(), report);
        System.out.println();
        System.out.println(report);
        long errors = rest.stream().mapToLong(Step::errors).sum()
                + raw.values().stream().flatMap(List::stream).mapToLong(Step::errors).sum();
        if (errors > 0) {
            System.err.println(errors + " error answers or incomplete projects: the figures do not count");
            System.exit(1);
        }
    }

    private static String line(Step s) {
        return String.format(Locale.ROOT, "%-18s %3d clients: %7.1f completions/s, %5.2f projects/s, %4.1f transactions and "
                        + "%5.1f ms CPU per completion, %d errors", s.side(), s.clients(), s.completionsPerSecond(),
                s.projectsPerSecond(), s.commitsPerCompletion(), s.cpuMillisPerCompletion(), s.errors());
    }

    static String report(Map<String, List<Step>> raw, List<Step> rest, double jitWarmup, double warmup, double measure) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Each side first ran the workload for %.0f s, then each step: %.0f s warm-up, "
                + "%.0f s measured. Raw Flowable ran once per history level: %s.%n%n", jitWarmup, warmup, measure,
                String.join(", ", raw.keySet())));
        StringBuilder head = new StringBuilder("| clients | Tollgate completions/s | Tollgate projects/s |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        raw.keySet().forEach(h -> {
            head.append(" Flowable (").append(h).append(") tasks/s | ratio |");
            rule.append("---|---|");
        });
        head.append(" Tollgate transactions per completion |");
        rule.append("---|");
        raw.keySet().forEach(h -> {
            head.append(" Flowable (").append(h).append(") transactions per completion |");
            rule.append("---|");
        });
        head.append(" Tollgate CPU ms per completion |");
        rule.append("---|");
        raw.keySet().forEach(h -> {
            head.append(" Flowable (").append(h).append(") CPU ms per completion |");
            rule.append("---|");
        });
        b.append(head).append('\n').append(rule).append('\n');
        for (int i = 0; i < rest.size(); i++) {
            Step t = rest.get(i);
            int at = i;
            b.append(String.format(Locale.ROOT, "| %d | %.1f | %.2f |", t.clients(), t.completionsPerSecond(), t.projectsPerSecond()));
            raw.values().forEach(steps -> b.append(String.format(Locale.ROOT, " %.1f | %.2f |",
                    steps.get(at).completionsPerSecond(), t.completionsPerSecond() / steps.get(at).completionsPerSecond())));
            b.append(String.format(Locale.ROOT, " %.1f |", t.commitsPerCompletion()));
            raw.values().forEach(steps -> b.append(String.format(Locale.ROOT, " %.1f |", steps.get(at).commitsPerCompletion())));
            b.append(String.format(Locale.ROOT, " %.1f |", t.cpuMillisPerCompletion()));
            raw.values().forEach(steps -> b.append(String.format(Locale.ROOT, " %.1f |", steps.get(at).cpuMillisPerCompletion())));
            b.append('\n');
        }
        double restPeak = rest.stream().mapToDouble(Step::completionsPerSecond).max().orElse(0);
        b.append(String.format(Locale.ROOT, "%nPeaks: Tollgate %.1f completions/s", restPeak));
        raw.forEach((h, steps) -> {
            double rawPeak = steps.stream().mapToDouble(Step::completionsPerSecond).max().orElse(0);
            b.append(String.format(Locale.ROOT, "; Flowable at history %s %.1f tasks/s, ratio %.2f", h, rawPeak, restPeak / rawPeak));
        });
        b.append(String.format(Locale.ROOT, ". Tollgate at the most clients keeps %.0f%% of its peak.%n%n",
                100 * rest.get(rest.size() - 1).completionsPerSecond() / restPeak));
        b.append("Latency per call, p50 / p99 in ms (calls measured):\n\n| side | clients | call | p50 | p99 | calls |\n"
                + "|---|---|---|---|---|---|\n");
        List<List<Step>> sides = new ArrayList<>();
        sides.add(rest);
        sides.addAll(raw.values());
        for (List<Step> side : sides) {
            for (Step s : side) {
                s.latencies().forEach((call, p) -> b.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.0f |%n",
                        s.side(), s.clients(), call, p[0], p[1], p[2])));
            }
        }
        return b.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("Options look like --name=value: " + a);
            }
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return o;
    }
}
