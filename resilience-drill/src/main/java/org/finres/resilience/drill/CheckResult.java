package org.finres.resilience.drill;

/** The result of one probe check or one action: whether it succeeded, and what was seen, for the timeline. */
record CheckResult(boolean ok, String detail) {

    static CheckResult ok(String detail) {
        return new CheckResult(true, detail);
    }

    static CheckResult failed(String detail) {
        return new CheckResult(false, detail);
    }
}
