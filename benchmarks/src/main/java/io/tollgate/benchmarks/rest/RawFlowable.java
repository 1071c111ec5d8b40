package io.tollgate.benchmarks.rest;

import io.tollgate.modeler.compiler.BpmnIds;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The same compiled BPMN driven through Flowable's Java API, as Tollgate's users would drive it:
 * each completion is a query for the user's task in the project, then its completion (an approval
 * with the vote counter Tollgate sets). No Tollgate code runs: this is the ceiling the REST path is
 * measured against.
 */
final class RawFlowable implements AutoCloseable {

    static final String[] STAGES = {"s1", "s2", "s3", "s4", "s5"};

    private final ProcessEngine engine;
    private final String processKey;

    RawFlowable(String jdbcUrl, Database db, String bpmnXml, String processKey, String history, int pool) {
        ProcessEngineConfiguration cfg = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(jdbcUrl).setJdbcUsername(db.user()).setJdbcPassword(db.password())
                .setJdbcDriver("org.postgresql.Driver")
                .setJdbcMaxActiveConnections(pool).setJdbcMaxIdleConnections(pool)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .setHistory(history);
        this.engine = cfg.buildProcessEngine();
        this.processKey = processKey;
        engine.getRepositoryService().createDeployment().name(processKey)
                .addString(processKey + ".bpmn20.xml", bpmnXml).deploy();
    }

    /** Runs one step: that many clients, each driving projects one after another, for the given time. */
    Step run(int clients, double warmupSeconds, double measureSeconds, Database db, String dbName) throws Exception {
        Latencies measured = new Latencies();
        long commitsBefore = db.commits(dbName);
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> drive(measureFrom, end, measured)));
        }
        long totalCompletions = 0;
        for (Future<long[]> f : futures) {
            totalCompletions += f.get()[0];
        }
        pool.shutdown();
        Thread.sleep(1500); // the statistics of the last transactions reach pg_stat_database
        long commits = db.commits(dbName) - commitsBefore;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        double perCompletionCommits = totalCompletions == 0 ? 0 : (double) commits / totalCompletions;
        double perCompletionCpu = totalCompletions == 0 ? 0 : cpu / totalCompletions;
        long c = measured.completions.get();
        return new Step("Flowable Java API", clients, measureSeconds, measured.projects.get(), c, measured.errors.get(),
                Math.round(perCompletionCommits * c), perCompletionCpu * c, measured.percentiles());
    }

    /** Drives whole projects until the end; answers the completions made. Checks each project's 20 steps. */
    private long[] drive(long measureFrom, long end, Latencies measured) {
        TaskService tasks = engine.getTaskService();
        long done = 0;
        while (System.nanoTime() < end) {
            String id = engine.getRuntimeService().startProcessInstanceByKey(processKey, variables()).getId();
            int completions = 0;
            for (String stage : STAGES) {
                completions += step(tasks, id, "dev", false, stage, 0, measureFrom, measured);
                completions += step(tasks, id, "qa", false, stage, 0, measureFrom, measured);
                completions += step(tasks, id, "a1", true, stage, 1, measureFrom, measured);
                completions += step(tasks, id, "a2", true, stage, 2, measureFrom, measured);
            }
            done += completions;
            boolean ended = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() == 0;
            if (completions != 20 || !ended) {
                measured.errors.incrementAndGet();
            } else if (System.nanoTime() >= measureFrom && System.nanoTime() < end) {
                measured.projects.incrementAndGet();
            }
        }
        return new long[] {done};
    }

    private static int step(TaskService tasks, String processId, String user, boolean approval, String stage, int votes,
                            long measureFrom, Latencies measured) {
        long t0 = System.nanoTime();
        Task task = approval
                ? tasks.createTaskQuery().processInstanceId(processId).taskAssignee(user).singleResult()
                : tasks.createTaskQuery().processInstanceId(processId).taskCandidateUser(user).singleResult();
        long t1 = System.nanoTime();
        if (task == null) {
            measured.errors.incrementAndGet();
            return 0;
        }
        if (approval) {
            tasks.complete(task.getId(), Map.of(BpmnIds.approvalsVariable(stage), votes));
        } else {
            tasks.complete(task.getId());
        }
        long t2 = System.nanoTime();
        if (t0 >= measureFrom) {
            measured.record("query task", t1 - t0);
            measured.record(approval ? "complete approval" : "complete task", t2 - t1);
            measured.completions.incrementAndGet();
        }
        return 1;
    }

    private static Map<String, Object> variables() {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String role : List.of("pm", "dev", "qa", "a1", "a2")) {
            v.put(BpmnIds.roleVariable(role), new ArrayList<>(List.of(role)));
        }
        for (String stage : STAGES) {
            v.put(BpmnIds.approversVariable(stage), new ArrayList<>(List.of("a1", "a2")));
            v.put(BpmnIds.approvalsVariable(stage), 0);
            v.put(BpmnIds.rejectionsVariable(stage), 0);
            v.put(BpmnIds.keptVariable(stage), 0);
        }
        return v;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public void close() {
        engine.close();
    }
}
