package io.tollgate.engine.comment.internal;

import io.tollgate.engine.comment.Comment;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Comments extends JpaRepository<Comment, String> {

    List<Comment> findByProjectIdOrderByCreatedAtDescIdDesc(String projectId, Pageable page);

    List<Comment> findByProjectIdAndTaskIdOrderByCreatedAtDescIdDesc(String projectId, String taskId, Pageable page);

    long countByProjectId(String projectId);
}
