package io.accesslog.flume.sink;

import io.accesslog.flume.sink.auth.HdfsLogin;
import io.accesslog.flume.sink.buffer.EngineStats;
import io.accesslog.flume.sink.hdfs.TimedCalls;
import java.util.List;
import org.apache.flume.instrumentation.SinkCounter;

/**
 * {@link SinkCounter} plus gauges read live from the running write path. Registered by Flume's
 * {@code MonitoredCounterGroup} as {@code org.apache.flume.sink:type=<name>}.
 */
final class GzipSinkCounter extends SinkCounter implements GzipSinkCounterMBean {
  private volatile EngineStats engine = new EngineStats();
  private volatile long spoolBytes;
  private volatile long fallbackEvents;
  private volatile String backend = "";
  private volatile long recovering;
  private volatile long writerIdConflict;
  private volatile long replayedEvents;
  private volatile long recoveredFiles;
  private volatile long spoolWriteFailures;
  private volatile long spoolDamage;
  private volatile long rewrittenValues;
  private volatile long rewrittenApp;
  private volatile long rewrittenHost;
  private volatile long rewrittenType;
  private volatile TimedCalls calls;
  private volatile HdfsLogin login;

  GzipSinkCounter(String name) {
    super(name);
  }

  private volatile io.accesslog.flume.sink.hour.HourKeeper hours;

  void attachHours(io.accesslog.flume.sink.hour.HourKeeper keeper) {
    this.hours = keeper;
  }

  @Override
  public long getLateLinesAfterMarker() {
    io.accesslog.flume.sink.hour.HourKeeper h = hours;
    return h == null ? 0 : h.lateLinesAfterMarker();
  }

  @Override
  public long getHourMarkersWritten() {
    io.accesslog.flume.sink.hour.HourKeeper h = hours;
    return h == null ? 0 : h.markersWritten();
  }

  @Override
  public long getFinishedThroughMillis() {
    io.accesslog.flume.sink.hour.HourKeeper h = hours;
    return h == null || h.finishedThrough() == Long.MIN_VALUE ? 0 : h.finishedThrough();
  }

  void attach(EngineStats stats, String compressionBackend) {
    this.engine = stats;
    this.backend = compressionBackend;
  }

  void attachCalls(TimedCalls timedCalls) {
    this.calls = timedCalls;
  }

  void attachLogin(HdfsLogin hdfsLogin) {
    this.login = hdfsLogin;
  }

  @Override
  public long getHdfsCallTimeouts() {
    TimedCalls c = calls;
    return c == null ? 0 : c.timeouts();
  }

  @Override
  public long getHdfsCallsStuck() {
    TimedCalls c = calls;
    return c == null ? 0 : c.stuck();
  }

  @Override
  public long getKerberosRelogins() {
    HdfsLogin l = login;
    return l == null ? 0 : l.relogins();
  }

  @Override
  public long getKerberosLoginFailures() {
    HdfsLogin l = login;
    return l == null ? 0 : l.loginFailures() + l.reloginFailures();
  }

  void setSpoolBytes(long bytes) {
    spoolBytes = bytes;
  }

  void setWriterIdConflict(boolean on) {
    writerIdConflict = on ? 1 : 0;
  }

  @Override
  public long getWriterIdConflict() {
    return writerIdConflict;
  }

  void setRecovering(boolean on) {
    recovering = on ? 1 : 0;
  }

  void addReplayedEvents(long n) {
    replayedEvents += n;
  }

  void addRecoveredFiles(long n) {
    recoveredFiles += n;
  }

  void incrementSpoolWriteFailures() {
    spoolWriteFailures++;
  }

  void addSpoolDamage(long n) {
    spoolDamage += n;
  }

  @Override
  public long getHdfsFatalFailures() {
    return engine.hdfsFatalFailures();
  }

  @Override
  public long getRecovering() {
    return recovering;
  }

  @Override
  public long getReplayedEvents() {
    return replayedEvents;
  }

  @Override
  public long getRecoveredFiles() {
    return recoveredFiles;
  }

  @Override
  public long getSpoolWriteFailures() {
    return spoolWriteFailures;
  }

  @Override
  public long getSpoolDamage() {
    return spoolDamage;
  }

  /** One event whose listed headers the path rule rewrote; runner thread only. */
  void countRewritten(List<String> headers) {
    rewrittenValues += headers.size();
    for (int i = 0; i < headers.size(); i++) {
      switch (headers.get(i)) {
        case "app":
          rewrittenApp++;
          break;
        case "host":
          rewrittenHost++;
          break;
        case "type":
          rewrittenType++;
          break;
        default:
          break; // counted in the total only
      }
    }
  }

  @Override
  public long getRewrittenValues() {
    return rewrittenValues;
  }

  @Override
  public long getRewrittenAppValues() {
    return rewrittenApp;
  }

  @Override
  public long getRewrittenHostValues() {
    return rewrittenHost;
  }

  @Override
  public long getRewrittenTypeValues() {
    return rewrittenType;
  }

  void addFallbackEvents(long n) {
    fallbackEvents += n;
  }

  @Override
  public long getOpenTargets() {
    return engine.openTargets();
  }

  @Override
  public long getLevel1Bytes() {
    return engine.level1Bytes();
  }

  @Override
  public long getLevel2Bytes() {
    return engine.level2Bytes();
  }

  @Override
  public long getInFlightBytes() {
    return engine.inFlightBytes();
  }

  @Override
  public long getMembersWritten() {
    return engine.membersWritten();
  }

  @Override
  public long getCompressionRatioPercent() {
    return engine.compressionRatioPercent();
  }

  @Override
  public long getHdfsWrites() {
    return engine.hdfsWrites();
  }

  @Override
  public long getHdfsWriteFailures() {
    return engine.hdfsWriteFailures();
  }

  @Override
  public long getHdfsBytesWritten() {
    return engine.hdfsBytesWritten();
  }

  @Override
  public long getFilesFinished() {
    return engine.filesFinished();
  }

  @Override
  public long getSpoolBytes() {
    return spoolBytes;
  }

  @Override
  public long getOldestUnflushedAgeMillis() {
    return engine.oldestUnflushedAgeMillis();
  }

  @Override
  public long getLateEvents() {
    return engine.lateLines();
  }

  @Override
  public long getFallbackEvents() {
    return fallbackEvents;
  }

  @Override
  public long getMemoryPressureEvents() {
    return engine.pressureEvents();
  }

  @Override
  public String getLastWriteError() {
    return engine.lastWriteError();
  }

  @Override
  public String getCompressionBackend() {
    return backend;
  }

  @Override
  public String getMetricTypes() {
    return METRIC_TYPES;
  }
}
