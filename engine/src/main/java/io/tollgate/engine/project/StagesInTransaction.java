package io.tollgate.engine.project;

import io.tollgate.engine.project.internal.ProjectStages;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's stages read once per transaction. One command looks up the same project's stages many
 * times (the engine's events, the read models, the gate): a query each time cost more than the rest of
 * the lookup. The rows are the transaction's managed entities, so changes to them, a renamed key
 * included, show; a stage not among them (added since) is read from the database and joins them.
 */
final class StagesInTransaction {

    private static final Object KEY = new Object();

    private StagesInTransaction() {
    }

    static Optional<ProjectStage> find(ProjectStages repository, String projectId, String stageKey) {
        Map<String, List<ProjectStage>> memo = memo();
        if (memo == null) {
            return repository.findByProjectIdAndStageKey(projectId, stageKey);
        }
        List<ProjectStage> known = memo.computeIfAbsent(projectId,
                id -> new ArrayList<>(repository.findByProjectIdOrderBySeq(id)));
        for (ProjectStage s : known) {
            if (s.stageKey().equals(stageKey)) {
                return Optional.of(s);
            }
        }
        Optional<ProjectStage> added = repository.findByProjectIdAndStageKey(projectId, stageKey);
        added.filter(s -> !known.contains(s)).ifPresent(known::add);
        return added;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<ProjectStage>> memo() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(KEY);
        if (bound != null) {
            return (Map<String, List<ProjectStage>>) bound;
        }
        Map<String, List<ProjectStage>> memo = new HashMap<>();
        TransactionSynchronizationManager.bindResource(KEY, memo);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
        });
        return memo;
    }
}
