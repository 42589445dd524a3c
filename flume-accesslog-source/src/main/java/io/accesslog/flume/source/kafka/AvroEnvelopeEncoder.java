package io.accesslog.flume.source.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flume.Event;
import org.apache.flume.source.avro.AvroFlumeEvent;

/**
 * Writes an event as a Flume {@link AvroFlumeEvent} (body and every header), the record value a
 * stock KafkaChannel writes with {@code parseAsFlumeEvent = true}, so stock readers and {@link
 * AvroEnvelopeDecoder} read it back. Not thread-safe (reuses its buffer and encoder).
 */
public final class AvroEnvelopeEncoder {

  private final SpecificDatumWriter<AvroFlumeEvent> writer =
      new SpecificDatumWriter<>(AvroFlumeEvent.class);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
  private BinaryEncoder encoder;

  public byte[] encode(Event event) {
    Map<CharSequence, CharSequence> headers = new HashMap<>();
    if (event.getHeaders() != null) {
      headers.putAll(event.getHeaders());
    }
    byte[] body = event.getBody() == null ? new byte[0] : event.getBody();
    buffer.reset();
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    try {
      writer.write(new AvroFlumeEvent(headers, ByteBuffer.wrap(body)), encoder);
      encoder.flush();
    } catch (IOException e) {
      // a ByteArrayOutputStream does not fail
      throw new IllegalStateException("encoding an AvroFlumeEvent in memory failed", e);
    }
    return buffer.toByteArray();
  }
}
