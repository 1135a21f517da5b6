package org.finres.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the shell for page requests; API, protocol and static resources never render a page. */
@Configuration(proxyBeanMethods = false)
class ShellConfiguration implements WebMvcConfigurer {

    private final ShellInterceptor shell;

    ShellConfiguration(ShellInterceptor shell) {
        this.shell = shell;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(shell)
                .excludePathPatterns("/api/**", "/taxii2/**", "/css/**", "/js/**", "/img/**", "/webjars/**",
                        "/v3/api-docs/**", "/swagger-ui/**", "/actuator/**");
    }
}
