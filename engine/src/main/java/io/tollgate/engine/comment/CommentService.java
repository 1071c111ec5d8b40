package io.tollgate.engine.comment;

import io.tollgate.engine.comment.internal.Comments;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.work.WorkService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comments on a project or on one of its tasks. Whoever can see a project reads and writes its
 * discussion; {@code @name} mentions people of the workspace (names that are nobody's stay plain
 * text). Each comment publishes {@link CommentEvents.CommentPosted}, which the audit trail records.
 */
@Service
public class CommentService {

    /** Longest comment, in characters. */
    public static final int MAX_LENGTH = 4000;
    /** Most people one comment mentions; further names stay plain text. */
    public static final int MAX_MENTIONS = 20;
    /** Most comments one project holds. */
    public static final int MAX_PER_PROJECT = 10_000;
    /** Most comments one read answers. */
    public static final int MAX_PAGE = 500;

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([a-z0-9][a-z0-9._-]{1,99})");

    private final Comments comments;
    private final ProjectService projects;
    private final WorkService work;
    private final Actors actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommentService(Comments comments, ProjectService projects, WorkService work, Actors actors,
                   ApplicationEventPublisher events, Clock clock) {
        this.comments = comments;
        this.projects = projects;
        this.work = work;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    /** A comment as the API shows it. */
    public record CommentView(String id, String projectId, String taskId, String author, String text,
                              List<String> mentions, Instant at) {
        static CommentView of(Comment c) {
            return new CommentView(c.id(), c.projectId(), c.taskId(), c.author(), c.body(), c.mentions(), c.createdAt());
        }
    }

    /** A new comment: its text, and the task it is about when it is about one. */
    public record NewComment(String text, String taskId) {
    }

    /** The project's comments (or one task's), oldest first, the newest {@code limit} of them. */
    @Transactional(readOnly = true)
    public List<CommentView> list(String projectId, String taskId, int limit, Actor actor) {
        projects.load(projectId, actor);
        if (limit < 1 || limit > MAX_PAGE) {
            throw Problems.badRequest("invalid-parameter", "limit is between 1 and " + MAX_PAGE + ".");
        }
        PageRequest page = PageRequest.of(0, limit);
        List<Comment> found = taskId == null || taskId.isBlank()
                ? comments.findByProjectIdOrderByCreatedAtDescIdDesc(projectId, page)
                : comments.findByProjectIdAndTaskIdOrderByCreatedAtDescIdDesc(projectId, taskId, page);
        List<CommentView> out = new ArrayList<>(found.stream().map(CommentView::of).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    @Transactional
    public CommentView post(String projectId, NewComment body, Actor actor) {
        Project project = projects.load(projectId, actor);
        String text = body == null || body.text() == null ? "" : body.text().strip();
        List<Problems.FieldError> errors = new ArrayList<>();
        if (text.isEmpty()) {
            errors.add(new Problems.FieldError("text", "Write something first."));
        } else if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            errors.add(new Problems.FieldError("text", "A comment has at most " + MAX_LENGTH + " characters."));
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            errors.add(new Problems.FieldError("text", "A comment holds no control characters but tabs and line breaks."));
        }
        String taskId = body == null || body.taskId() == null || body.taskId().isBlank() ? null : body.taskId();
        if (taskId != null && (taskId.length() > 36
                || work.itemsOf(projectId).stream().noneMatch(w -> w.id().equals(taskId)))) {
            errors.add(new Problems.FieldError("taskId", "The project has no such task."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The comment cannot be posted.", errors);
        }
        if (comments.countByProjectId(projectId) >= MAX_PER_PROJECT) {
            throw Problems.conflict("too-many-comments", "This project holds " + MAX_PER_PROJECT
                    + " comments, as many as it may.");
        }
        List<String> mentions = mentions(text, actor.workspaceId());
        Instant now = clock.instant();
        Comment comment = comments.save(new Comment(UUID.randomUUID().toString(), project.workspaceId(), projectId,
                taskId, actor.username(), text, mentions, now));
        String excerpt = text.length() <= 200 ? text : text.substring(0, 200) + "…";
        events.publishEvent(new CommentEvents.CommentPosted(project.workspaceId(), projectId, comment.id(), taskId,
                actor.username(), mentions, excerpt, now));
        return CommentView.of(comment);
    }

    /** The people of the workspace the text names with {@code @name}, each once, at most {@link #MAX_MENTIONS}. */
    private List<String> mentions(String text, String workspaceId) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && names.size() < MAX_MENTIONS) {
            String name = m.group(1).replaceAll("[._-]+$", "");
            if (name.length() >= 2 && actors.exists(name, workspaceId)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
