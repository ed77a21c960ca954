package org.eldercare.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.RequestScoped;
import org.eldercare.console.session.ConsoleUser;
import org.eldercare.console.session.CurrentUser;

import java.util.Locale;

/**
 * Renders a page with what every page shows: the signed-in user and their navigation, and labels
 * in the chosen language (Chinese unless the language cookie says English).
 */
@RequestScoped
public class Pages {

    public static final String LANG_COOKIE = "console_lang";
    public static final Locale CHINESE = Locale.forLanguageTag("zh");

    private final CurrentUser user;
    private final CurrentVertxRequest request;

    Pages(CurrentUser user, CurrentVertxRequest request) {
        this.user = user;
        this.request = request;
    }

    public TemplateInstance render(Template template) {
        Locale locale = locale();
        ConsoleUser u = user.get().orElse(null);
        return template.data("user", u)
                .data("lang", locale.getLanguage())
                .data("path", request.getCurrent() == null ? "/" : request.getCurrent().request().path())
                .setAttribute("locale", locale);
    }

    public ConsoleUser user() {
        return user.get().orElseThrow(() -> new IllegalStateException("page of a role reached without a user"));
    }

    public Locale locale() {
        if (request.getCurrent() != null) {
            Cookie c = request.getCurrent().request().getCookie(LANG_COOKIE);
            if (c != null && "en".equals(c.getValue())) {
                return Locale.ENGLISH;
            }
        }
        return CHINESE;
    }
}
