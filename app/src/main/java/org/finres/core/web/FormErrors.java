package org.finres.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.finres.core.InvalidInputException;

/**
 * What was wrong with a submitted form, keyed by the services' field names so that a page can show each problem
 * next to its input, and the rest above the form.
 *
 * @param fields  problems of inputs the form has
 * @param general problems of the whole form, or of a field it does not show
 */
record FormErrors(Map<String, Problem> fields, List<Problem> general) {

    /**
     * One problem: a message key (with its arguments) when the page can say it in the visitor's language, else the
     * service's own English text.
     */
    record Problem(String field, String key, String text, Object[] args) {
        Problem(String field, String key, String text) {
            this(field, key, text, new Object[0]);
        }
    }

    static final FormErrors NONE = new FormErrors(Map.of(), List.of());

    FormErrors {
        fields = Map.copyOf(fields);
        general = List.copyOf(general);
    }

    /** Files the service's complaint under its field when the form has that input, else above the form. */
    static FormErrors of(InvalidInputException e, Set<String> formFields) {
        String text = e.getMessage();
        String problem = text.startsWith(e.field() + " ") ? text.substring(e.field().length() + 1) : text;
        String key = "required".equals(e.rule()) || problem.equals("is required") ? "form.required"
                : e.rule() == null ? null : "validation." + e.rule();
        Problem said = new Problem(e.field(), key, problem, e.args());
        if (formFields.contains(e.field())) {
            return new FormErrors(Map.of(e.field(), said), List.of());
        }
        return new FormErrors(Map.of(), List.of(said));
    }

    /** A problem with one input, said in the visitor's language. */
    static FormErrors field(String field, String key) {
        return new FormErrors(Map.of(field, new Problem(field, key, null)), List.of());
    }

    /** A problem of the whole form in the service's words (a conflict with stored data, a refused change). */
    static FormErrors general(String text) {
        return new FormErrors(Map.of(), List.of(new Problem(null, null, text)));
    }

    public boolean any() {
        return !fields.isEmpty() || !general.isEmpty();
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Problem of(String field) {
        return fields.get(field);
    }

    /** Every problem, those of fields first, for the summary at the top of the form. */
    public List<Problem> all() {
        List<Problem> out = new ArrayList<>(fields.values());
        out.addAll(general);
        return out;
    }
}
