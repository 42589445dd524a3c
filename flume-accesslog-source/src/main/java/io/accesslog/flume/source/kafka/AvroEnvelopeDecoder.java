package io.accesslog.flume.source.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flume.source.avro.AvroFlumeEvent;

/**
 * Decodes a record value written as a Flume {@link AvroFlumeEvent} (what stock Flume's Kafka sink
 * and channel write with {@code useFlumeEventFormat = true}). Not thread-safe (reuses its decoder);
 * one per consumer thread.
 */
public final class AvroEnvelopeDecoder {

  /** The decoded envelope: its headers and body. */
  public static final class Envelope {
    public final Map<String, String> headers;
    public final byte[] body;

    Envelope(Map<String, String> headers, byte[] body) {
      this.headers = headers;
      this.body = body;
    }
  }

  /** Thrown for a value that is not a single, complete AvroFlumeEvent. */
  public static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final SpecificDatumReader<AvroFlumeEvent> reader =
      new SpecificDatumReader<>(AvroFlumeEvent.class);
  private BinaryDecoder decoder;

  public Envelope decode(byte[] value) throws DecodeException {
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, decoder);
      AvroFlumeEvent event = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new DecodeException("trailing bytes after the Avro event", null);
      }
      Map<String, String> headers = new HashMap<>();
      if (event.getHeaders() != null) {
        for (Map.Entry<CharSequence, CharSequence> entry : event.getHeaders().entrySet()) {
          headers.put(
              entry.getKey().toString(),
              entry.getValue() == null ? null : entry.getValue().toString());
        }
      }
      ByteBuffer buffer = event.getBody();
      byte[] body = new byte[buffer.remaining()];
      buffer.get(body);
      return new Envelope(headers, body);
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(e.toString(), e);
    }
  }
}
