package io.tollgate.engine.module;

import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Map;

/**
 * The one guard for modules that are off: a request to a path a module owns answers 404 in a
 * workspace where that module is off, exactly as if the module were not there.
 */
@Configuration
class ModuleGuard implements WebMvcConfigurer, HandlerInterceptor {

    private final ModuleService modules;
    private final Actors actors;
    private final List<Map.Entry<PathPattern, String>> owned;

    ModuleGuard(ModuleService modules, Actors actors) {
        this.modules = modules;
        this.actors = actors;
        this.owned = modules.installed().stream()
                .flatMap(m -> m.paths().stream().map(p -> Map.entry(PathPatternParser.defaultInstance.parse(p), m.key())))
                .toList();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (!owned.isEmpty()) {
            registry.addInterceptor(this).addPathPatterns("/api/**");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        for (Map.Entry<PathPattern, String> entry : owned) {
            if (entry.getKey().matches(path) && !modules.enabled(actors.current().workspaceId(), entry.getValue())) {
                throw Problems.notFound("module", "Module '" + entry.getValue() + "' is not switched on in this workspace.");
            }
        }
        return true;
    }
}
