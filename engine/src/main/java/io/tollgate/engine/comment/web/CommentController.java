package io.tollgate.engine.comment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.comment.CommentService;
import io.tollgate.engine.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Comments")
class CommentController {

    private final CommentService comments;
    private final Actors actors;

    CommentController(CommentService comments, Actors actors) {
        this.comments = comments;
        this.actors = actors;
    }

    @Operation(operationId = "listComments", summary = "Read a project's discussion",
            description = "Oldest first: the newest `limit` comments of the project, or of one of its tasks.")
    @ApiResponse(responseCode = "200", description = "The comments", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`limit` is out of range.")
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping("/api/projects/{id}/comments")
    List<CommentService.CommentView> list(@PathVariable String id,
                                          @Parameter(description = "Only the comments on this task: a task id")
                                          @RequestParam(required = false) String taskId,
                                          @Parameter(description = "How many, 1 to 500")
                                          @RequestParam(defaultValue = "200") int limit) {
        return comments.list(id, taskId, limit, actors.current());
    }

    @Operation(operationId = "postComment", summary = "Comment on a project or one of its tasks",
            description = "`@name` mentions a person of the workspace; the comment lists whom it mentions.")
    @ApiResponse(responseCode = "201", description = "The comment", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The text is empty, too long or holds control characters, or "
            + "`taskId` is no task of the project: `errors` says which.")
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @ApiResponse(responseCode = "409", description = "The project holds as many comments as it may.")
    @PostMapping("/api/projects/{id}/comments")
    ResponseEntity<CommentService.CommentView> post(@PathVariable String id,
                                                    @RequestBody(required = false) CommentService.NewComment body) {
        CommentService.CommentView view = comments.post(id, body, actors.current());
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }
}
