package io.tollgate.engine.workspace;

import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workspace.internal.Workspaces;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspaces as other features reach them. */
@Service
@Transactional
public class WorkspaceService {

    private final Workspaces workspaces;

    WorkspaceService(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    /** The ids of every workspace, in the order of their keys. */
    @Transactional(readOnly = true)
    public java.util.List<String> ids() {
        return workspaces.findAll(org.springframework.data.domain.Sort.by("key")).stream().map(Workspace::id).toList();
    }

    /** A workspace by id, managed in the caller's transaction so its module switches can change. */
    public Workspace workspace(String id) {
        return workspaces.findById(id).orElseThrow(() -> Problems.notFound("workspace", "Unknown workspace."));
    }
}
