package io.accesslog.flume.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Option groups shared by the subcommands (picocli mixins). */
final class Options {
  private Options() {}

  /** Where the files are and which ones: the sink's layout and the question's scope. */
  static final class Select {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "An agent .properties file: the gzip sink's hdfs.root/hdfs.path/hdfs.fileName/hdfs.timeZone"
                + " and the access-log interceptor's format keys are read from it (${env:NAME} resolved)."
                + " Options given here override it.")
    Path config;

    @Option(
        names = "--sink",
        paramLabel = "NAME",
        description = "The sink in --config (needed when it has several).")
    String sink;

    @Option(
        names = "--root",
        paramLabel = "PATH",
        description =
            "hdfs.root: /logs, hdfs://nn:8020/logs or file:///tmp/logs (required without --config).")
    String root;

    @Option(
        names = "--path-template",
        paramLabel = "TEMPLATE",
        description = "hdfs.path of the sink (default: %%{type}/%%{app}/%%Y%%m%%d/%%H).")
    String pathTemplate;

    @Option(
        names = "--file-template",
        paramLabel = "TEMPLATE",
        description = "hdfs.fileName of the sink (default: %%{host}.%%Y%%m%%d%%H).")
    String fileTemplate;

    @Option(
        names = "--layout-zone",
        paramLabel = "ZONE",
        description = "hdfs.timeZone of the sink (default: UTC).")
    String layoutZone;

    @Option(
        names = "--type",
        paramLabel = "GLOB",
        description = "Type header glob (default: access).")
    String type;

    @Option(
        names = "--app",
        paramLabel = "GLOB",
        description = "App glob: checkout, 'shop*', '{a,b}' (default: all).")
    String app;

    @Option(
        names = "--host",
        paramLabel = "GLOB",
        description = "Host (web server) glob: web-07, 'web-0*' (default: all).")
    String host;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        description =
            "Lines at or after: ISO-8601 with offset (2026-12-07T13:00Z, 2026-12-07T13:00+08:00), now,"
                + " or relative (-2h, -30m, -1d).")
    String from;

    @Option(
        names = "--to",
        paramLabel = "TIME",
        description = "Lines before this time (same forms as --from).")
    String to;

    @Option(
        names = "--principal",
        paramLabel = "PRINCIPAL",
        description =
            "Kerberos principal to log in as from --keytab (default: the sink's"
                + " hdfs.kerberosPrincipal in --config; without either, a kinit ticket cache is used"
                + " when the cluster's core-site.xml says kerberos).")
    String principal;

    @Option(
        names = "--keytab",
        paramLabel = "FILE",
        description =
            "Keytab of --principal (default: the sink's hdfs.kerberosKeytab in" + " --config).")
    String keytab;

    @Option(
        names = "--in-progress",
        description = "Also read the hidden _ files the sink is still writing (the last minutes).")
    boolean inProgress;
  }

  /** How lines split into fields: the interceptor's keys (from --config, or these). */
  static final class Format {
    @Option(
        names = "--format",
        paramLabel = "nginx|json|regex",
        description = "Line format (default: nginx).")
    String format;

    @Option(
        names = "--log-format",
        paramLabel = "LOG_FORMAT",
        description =
            "nginx log_format string, quoted parts or directive, or 'combined' (the interceptor's"
                + " nginx.logFormat; default combined).")
    String logFormat;

    @Option(
        names = "--regex",
        paramLabel = "REGEX",
        description = "Regex with named groups, for --format regex.")
    String regex;

    @Option(
        names = "--time-field",
        paramLabel = "FIELD",
        description = "Field with the request time (default: time_local).")
    String timeField;

    @Option(
        names = "--time-format",
        paramLabel = "FORMAT",
        description =
            "auto, time_local, iso8601, msec, epoch_s, epoch_ms or pattern:<java pattern> (default auto).")
    String timeFormat;

    @Option(
        names = "--time-zone",
        paramLabel = "ZONE",
        description = "Zone for times without an offset (default UTC).")
    String timeZone;
  }

  /** Which lines match. */
  static final class Filter {
    @Option(
        names = {"--where", "-w"},
        paramLabel = "EXPR",
        description =
            "FIELD OP VALUE, OP one of = != > >= < <= ~ (regex) !~; repeatable, all must hold."
                + " E.g. 'status>=500', 'remote_addr=10.1.2.3', 'request~^GET /api'.")
    List<String> where = new ArrayList<>();

    @Option(
        names = "--grep",
        paramLabel = "REGEX",
        description = "Java regex searched in the raw line.")
    String grep;
  }

  /** How the scan runs. */
  static final class Run {
    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Parallel readers (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
        names = "--strict",
        description = "Stop at the first damaged gzip member (default: report, skip, exit 1).")
    boolean strict;

    @Option(
        names = "--progress",
        negatable = true,
        description = "Progress line on stderr (default: when stderr is a terminal).")
    Boolean progress;

    @Option(
        names = "--inflater",
        paramLabel = "auto|jdk",
        description =
            "auto: ISA-L inflate (Intel GKL) for the sink's members where its native library loads, else"
                + " the JDK's; jdk: always the JDK's (default auto).")
    String inflater = "auto";

    @Option(
        names = "--split-mb",
        paramLabel = "MB",
        hidden = true,
        description = "Byte range per task of a large file.")
    long splitMb = 32;
  }
}
