package io.fashionspark.cli;

/** How every path option reads its value, as its help says. */
final class PathHelp {
    /** The sentence every path option's help ends with. */
    static final String HELP = "A plain path is a file of this machine (the driver's); a URI names any Hadoop"
            + " file system (hdfs://, s3a://, abfs://, gs://, file:).";

    private PathHelp() {
    }
}
