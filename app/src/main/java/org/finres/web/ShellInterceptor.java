package org.finres.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.Institution;
import org.finres.core.Institutions;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Adds the {@link Shell} to every page a controller renders, whichever module it belongs to. An interceptor
 * rather than controller advice, because advice would also run for every REST call, which renders no page.
 */
@Component
class ShellInterceptor implements HandlerInterceptor {

    static final String ATTRIBUTE = "shell";

    private final Navigation navigation;
    private final Institutions institutions;
    private final ShellProperties properties;

    ShellInterceptor(Navigation navigation, Institutions institutions, ShellProperties properties) {
        this.navigation = navigation;
        this.institutions = institutions;
        this.properties = properties;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView page) {
        if (page == null || page.getModelMap().containsAttribute(ATTRIBUTE) || !rendersPage(page)) {
            return;
        }
        Actor actor = CurrentActor.find().orElse(null);
        String path = pagePath(request);
        page.addObject(ATTRIBUTE, new Shell(RequestContextUtils.getLocale(request), identity(actor),
                navigation.visibleTo(actor), path, returnPath(request, path), properties.timeZone()));
    }

    private static boolean rendersPage(ModelAndView page) {
        if (page.getView() instanceof RedirectView) {
            return false;
        }
        String name = page.getViewName();
        return name == null || !(name.startsWith("redirect:") || name.startsWith("forward:"));
    }

    private Shell.Identity identity(Actor actor) {
        return switch (actor) {
            case null -> null;
            case Actor.User user -> new Shell.Identity(user.username(), "role." + user.role().name(),
                    user.institutionId().value(), tenantName(actor));
            case Actor.Token token -> new Shell.Identity(token.auditName(), null, token.institutionId().value(),
                    tenantName(actor));
            case Actor.SystemProcess process -> new Shell.Identity(process.auditName(), null, null, null);
        };
    }

    private String tenantName(Actor actor) {
        return institutions.find(actor.institutionId()).map(Institution::name).orElse(actor.institutionId().value());
    }

    /** The path the visitor asked for; on an error page, the one that failed rather than {@code /error}. */
    static String pagePath(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        if (!context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        return uri.isEmpty() ? "/" : uri;
    }

    /**
     * Where the language switch sends the visitor back to. A page shown with GET is shown again with its query; a
     * page rendered in answer to a form post is shown again by a GET of the same path, which every page controller
     * answers (the form, or a redirect to the page the form belongs to).
     */
    static String returnPath(HttpServletRequest request, String path) {
        boolean error = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) != null;
        if (!error && "GET".equals(request.getMethod()) && request.getQueryString() != null) {
            return path + "?" + request.getQueryString();
        }
        return path;
    }
}
