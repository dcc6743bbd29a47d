package io.sparkgan.report;

/**
 * One section of the report page: its anchor, its link in the navigation bar and its content. A
 * section whose files the run does not have is left out, link and all.
 */
interface Section {

    /** The HTML id the navigation links to. */
    String id();

    /** The navigation link's text. */
    String title();

    /** Whether the run has what this section shows. */
    boolean present(RunData d);

    /** Appends the section (heading, notes, charts, tables) to {@code h}. */
    void write(Html h, RunData d);
}
