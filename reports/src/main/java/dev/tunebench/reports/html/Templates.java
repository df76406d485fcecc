package dev.tunebench.reports.html;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.util.Locale;

/**
 * The one FreeMarker configuration of the report, locked down because everything it renders (model
 * outputs, prompts, names) is untrusted: HTML output format with auto-escaping forced on, templates only
 * from the classpath, and the {@code new} and {@code api} built-ins disabled.
 */
final class Templates {
    private static final Configuration CONFIG = configure();

    private Templates() {
    }

    static Template get(String name) throws IOException {
        return CONFIG.getTemplate(name);
    }

    /** Markup our own code produced and already escaped (the SVG charts), so the template does not escape it again. */
    static TemplateHTMLOutputModel markup(String escapedMarkup) {
        if (escapedMarkup == null) {
            return null;
        }
        try {
            return HTMLOutputFormat.INSTANCE.fromMarkup(escapedMarkup);
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Configuration configure() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_35);
        c.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), "dev/tunebench/reports/html");
        c.setOutputFormat(HTMLOutputFormat.INSTANCE);
        c.setRecognizeStandardFileExtensions(false);
        c.setAutoEscapingPolicy(Configuration.FORCE_AUTO_ESCAPING_POLICY);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setLocale(Locale.ROOT);
        c.setNumberFormat("computer");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        return c;
    }
}
