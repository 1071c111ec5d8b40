package io.tollgate.engine.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The UI is two pages: the sign-in form and the app, whose screens are routed in the browser
 * ({@code /#/inbox}, {@code /#/projects/...}). Both are static files under {@code static/ui/}.
 */
@Configuration
class UiPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/ui/app.html");
        registry.addViewController("/login").setViewName("forward:/ui/login.html");
    }
}
