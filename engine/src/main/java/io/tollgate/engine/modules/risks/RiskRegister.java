package io.tollgate.engine.modules.risks;

import io.tollgate.engine.modules.ModuleActivity;
import io.tollgate.engine.modules.risks.internal.Risks;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The risk register of projects the caller can see. */
@Service
@Transactional
public class RiskRegister {

    private final Risks risks;
    private final ProjectService projects;
    private final Actors actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RiskRegister(Risks risks, ProjectService projects, Actors actors, ApplicationEventPublisher events, Clock clock) {
        this.risks = risks;
        this.projects = projects;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    /** A risk as it is written: title, probability and impact (1-5), owner, mitigation, review date, status. */
    public record RiskInput(String title, Integer probability, Integer impact, String owner, String mitigation,
                            LocalDate reviewOn, String status) {
    }

    /** A risk as the API shows it. */
    public record RiskView(String id, String title, int probability, int impact, int score, String level, String owner,
                           String mitigation, String status, LocalDate reviewOn, String createdBy) {
        static RiskView of(Risk r) {
            return new RiskView(r.id(), r.title(), r.probability(), r.impact(), r.score(), r.level(), r.owner(),
                    r.mitigation(), r.status().name().toLowerCase(Locale.ROOT), r.reviewOn(), r.createdBy());
        }
    }

    @Transactional(readOnly = true)
    public List<RiskView> list(String projectId, Actor actor) {
        projects.load(projectId, actor);
        return risks.findByProjectIdOrderByCreatedAt(projectId).stream().map(RiskView::of).toList();
    }

    public RiskView add(String projectId, RiskInput input, Actor actor) {
        projects.load(projectId, actor).assertActive();
        check(input, actor, true);
        Risk risk = risks.save(new Risk(UUID.randomUUID().toString(), projectId, input.title().trim(), input.probability(),
                input.impact(), blankToNull(input.owner()), blankToNull(input.mitigation()), input.reviewOn(),
                clock.instant(), actor.username()));
        events.publishEvent(new ModuleActivity.RiskRaised(actor.workspaceId(), projectId, actor.username(), risk.id(),
                risk.title(), risk.probability(), risk.impact(), clock.instant()));
        return RiskView.of(risk);
    }

    public RiskView update(String projectId, String riskId, RiskInput input, Actor actor) {
        projects.load(projectId, actor).assertActive();
        Risk risk = risks.findById(riskId).filter(r -> r.projectId().equals(projectId))
                .orElseThrow(() -> Problems.notFound("risk", "There is no risk '" + riskId + "' in this project."));
        check(input, actor, false);
        if (risk.status() == Risk.Status.CLOSED) {
            throw Problems.conflict("risk-closed", "This risk is closed.");
        }
        risk.reassess(input.probability() == null ? risk.probability() : input.probability(),
                input.impact() == null ? risk.impact() : input.impact(),
                input.owner() == null ? risk.owner() : blankToNull(input.owner()),
                input.mitigation() == null ? risk.mitigation() : blankToNull(input.mitigation()),
                input.reviewOn() == null ? risk.reviewOn() : input.reviewOn());
        if (input.status() != null) {
            risk.moveTo(Risk.Status.valueOf(input.status().trim().toUpperCase(Locale.ROOT)));
        }
        events.publishEvent(new ModuleActivity.RiskUpdated(actor.workspaceId(), projectId, actor.username(), risk.id(),
                risk.title(), risk.probability(), risk.impact(), risk.status().name().toLowerCase(Locale.ROOT),
                clock.instant()));
        return RiskView.of(risk);
    }

    private void check(RiskInput input, Actor actor, boolean creating) {
        if (input == null) {
            throw Problems.invalidFields("Send the risk.", List.of(new Problems.FieldError("title", "Required.")));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        if (creating && (input.title() == null || input.title().isBlank())) {
            errors.add(new Problems.FieldError("title", "A risk needs a title."));
        } else if (input.title() != null && input.title().length() > 300) {
            errors.add(new Problems.FieldError("title", "At most 300 characters."));
        }
        scale("probability", input.probability(), creating, errors);
        scale("impact", input.impact(), creating, errors);
        if (input.mitigation() != null && input.mitigation().length() > 4000) {
            errors.add(new Problems.FieldError("mitigation", "At most 4000 characters."));
        }
        if (input.owner() != null && !input.owner().isBlank() && !actors.exists(input.owner(), actor.workspaceId())) {
            errors.add(new Problems.FieldError("owner", "There is no user '" + input.owner() + "' in this workspace."));
        }
        if (input.status() != null && !List.of("open", "mitigated", "closed").contains(input.status().trim().toLowerCase(Locale.ROOT))) {
            errors.add(new Problems.FieldError("status", "status is open, mitigated or closed."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The risk has invalid values.", errors);
        }
    }

    private static void scale(String name, Integer value, boolean required, List<Problems.FieldError> errors) {
        if (value == null ? required : value < 1 || value > 5) {
            errors.add(new Problems.FieldError(name, name + " is a whole number from 1 to 5."));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
