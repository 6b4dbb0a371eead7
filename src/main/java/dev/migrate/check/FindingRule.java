package dev.migrate.check;

/**
 * A kind of finding, as the reports list it: {@link FindingCode} for the checks of this package, and other packages'
 * rules (e.g. the lint rules) whose findings join the same reports.
 */
public interface FindingRule {

    /** The stable id that reports and CI rules key on. */
    String id();

    /** The level a finding of this kind has unless the configuration changes it. */
    Finding.Level level();

    /** One line saying what it finds. */
    String title();

    /** What it means and what to do, for the reports' rule help; the title unless a rule says more. */
    default String help() {
        return title();
    }
}
