#include "formats/flac_encoder.hpp"

#include <FLAC/format.h>
#include <FLAC/metadata.h>
#include <FLAC/stream_encoder.h>
#include <fmt/format.h>

#include <cstdlib>
#include <exception>

#include "disc/error.hpp"

namespace dw {

namespace {

struct MetadataDeleter {
  void operator()(FLAC__StreamMetadata* m) const { FLAC__metadata_object_delete(m); }
};
using Metadata = std::unique_ptr<FLAC__StreamMetadata, MetadataDeleter>;

}  // namespace

struct FlacEncoder::Impl {
  OutputFile& out;
  FLAC__StreamEncoder* encoder = nullptr;
  std::vector<Metadata> metadata;  // must outlive the stream: libFLAC keeps pointers to them
  std::exception_ptr failure;      // what a callback caught
  std::vector<FLAC__int32> samples;
  bool finished = false;

  explicit Impl(OutputFile& o) : out(o) {}
  ~Impl() {
    // Deleting an unfinished encoder finishes it, which calls the callbacks once more; their
    // errors are kept in `failure` and dropped here (the caller does not commit the file).
    if (encoder) FLAC__stream_encoder_delete(encoder);
  }

  [[noreturn]] void fail(const std::string& what) {
    if (failure) std::rethrow_exception(failure);
    throw InputError(out.path().string(), "FLAC encoder: " + what);
  }
  std::string state() const {
    const FLAC__StreamEncoderState s = FLAC__stream_encoder_get_state(encoder);
    if (s == FLAC__STREAM_ENCODER_VERIFY_MISMATCH_IN_AUDIO_DATA) {
      FLAC__uint64 absolute = 0;
      unsigned frame = 0, channel = 0, sample = 0;
      FLAC__int32 expected = 0, got = 0;
      FLAC__stream_encoder_get_verify_decoder_error_stats(encoder, &absolute, &frame, &channel, &sample, &expected,
                                                          &got);
      return fmt::format("verify mismatch at sample {} channel {}: {} encoded as {}", absolute, channel, expected, got);
    }
    return FLAC__StreamEncoderStateString[s];
  }

  // libFLAC is C: an exception must not cross its frames. The callbacks catch what OutputFile
  // throws, keep it, and tell libFLAC to stop; the encoder methods rethrow it.
  static FLAC__StreamEncoderWriteStatus on_write(const FLAC__StreamEncoder*, const FLAC__byte buffer[], size_t bytes,
                                                 uint32_t, uint32_t, void* client) {
    auto& impl = *static_cast<Impl*>(client);
    try {
      impl.out.write({buffer, bytes});
      return FLAC__STREAM_ENCODER_WRITE_STATUS_OK;
    } catch (...) {
      if (!impl.failure) impl.failure = std::current_exception();
      return FLAC__STREAM_ENCODER_WRITE_STATUS_FATAL_ERROR;
    }
  }

  static FLAC__StreamEncoderSeekStatus on_seek(const FLAC__StreamEncoder*, FLAC__uint64 offset, void* client) {
    auto& impl = *static_cast<Impl*>(client);
    try {
      impl.out.seek(offset);
      return FLAC__STREAM_ENCODER_SEEK_STATUS_OK;
    } catch (...) {
      if (!impl.failure) impl.failure = std::current_exception();
      return FLAC__STREAM_ENCODER_SEEK_STATUS_ERROR;
    }
  }

  static FLAC__StreamEncoderTellStatus on_tell(const FLAC__StreamEncoder*, FLAC__uint64* offset, void* client) {
    auto& impl = *static_cast<Impl*>(client);
    try {
      *offset = impl.out.tell();
      return FLAC__STREAM_ENCODER_TELL_STATUS_OK;
    } catch (...) {
      if (!impl.failure) impl.failure = std::current_exception();
      return FLAC__STREAM_ENCODER_TELL_STATUS_ERROR;
    }
  }
};

FlacEncoder::FlacEncoder(OutputFile& out, const FlacOptions& options) : impl_(std::make_unique<Impl>(out)) {
  Impl& m = *impl_;
  if (options.compression_level > 8)
    m.fail(fmt::format("compression level {} is not one of libFLAC's presets 0..8", options.compression_level));
  m.encoder = FLAC__stream_encoder_new();
  if (!m.encoder) m.fail("out of memory");

  Metadata comments(FLAC__metadata_object_new(FLAC__METADATA_TYPE_VORBIS_COMMENT));
  if (!comments) m.fail("out of memory");
  for (const auto& [name, value] : options.tags) {
    FLAC__StreamMetadata_VorbisComment_Entry entry;
    if (!FLAC__format_vorbiscomment_entry_name_is_legal(name.c_str()) ||
        !FLAC__format_vorbiscomment_entry_value_is_legal(reinterpret_cast<const FLAC__byte*>(value.data()),
                                                         static_cast<unsigned>(value.size())) ||
        !FLAC__metadata_object_vorbiscomment_entry_from_name_value_pair(&entry, name.c_str(), value.c_str()))
      m.fail(fmt::format("the tag {}={} is not a valid Vorbis comment (name ASCII without '=', value UTF-8)", name,
                         value));
    if (!FLAC__metadata_object_vorbiscomment_append_comment(comments.get(), entry, /*copy=*/false)) {
      std::free(entry.entry);
      m.fail("out of memory");
    }
  }
  m.metadata.push_back(std::move(comments));
  if (options.total_samples > 0 && options.seek_spacing > 0) {
    Metadata table(FLAC__metadata_object_new(FLAC__METADATA_TYPE_SEEKTABLE));
    if (!table ||
        !FLAC__metadata_object_seektable_template_append_spaced_points_by_samples(table.get(), options.seek_spacing,
                                                                                  options.total_samples) ||
        !FLAC__metadata_object_seektable_template_sort(table.get(), /*compact=*/true))
      m.fail("out of memory");
    m.metadata.push_back(std::move(table));
  }
  if (options.padding > 0) {
    Metadata padding(FLAC__metadata_object_new(FLAC__METADATA_TYPE_PADDING));
    if (!padding) m.fail("out of memory");
    padding->length = options.padding;
    m.metadata.push_back(std::move(padding));
  }
  std::vector<FLAC__StreamMetadata*> blocks;
  for (auto& b : m.metadata) blocks.push_back(b.get());

  // The MD5 of the samples is always computed by libFLAC's public encoder and written into
  // STREAMINFO when the stream is finished (the file is seekable through OutputFile).
  FLAC__StreamEncoder* e = m.encoder;
  const bool set = FLAC__stream_encoder_set_channels(e, 2) && FLAC__stream_encoder_set_bits_per_sample(e, 16) &&
                   FLAC__stream_encoder_set_sample_rate(e, 44100) &&
                   FLAC__stream_encoder_set_compression_level(e, options.compression_level) &&
                   FLAC__stream_encoder_set_verify(e, options.verify) &&
                   FLAC__stream_encoder_set_total_samples_estimate(e, options.total_samples) &&
                   FLAC__stream_encoder_set_metadata(e, blocks.data(), static_cast<unsigned>(blocks.size()));
  if (!set) m.fail("settings refused: " + m.state());
  const FLAC__StreamEncoderInitStatus status = FLAC__stream_encoder_init_stream(
      e, Impl::on_write, Impl::on_seek, Impl::on_tell, /*metadata_callback=*/nullptr, &m);
  if (status != FLAC__STREAM_ENCODER_INIT_STATUS_OK) {
    if (status == FLAC__STREAM_ENCODER_INIT_STATUS_ENCODER_ERROR) m.fail(m.state());
    m.fail(FLAC__StreamEncoderInitStatusString[status]);
  }
}

FlacEncoder::~FlacEncoder() = default;

void FlacEncoder::write(std::span<const uint8_t> cdda) {
  Impl& m = *impl_;
  if (m.finished) m.fail("write after the stream was finished");
  if (cdda.size() % 4 != 0) m.fail(fmt::format("{} bytes is not a whole number of stereo samples", cdda.size()));
  const size_t frames = cdda.size() / 4;
  m.samples.resize(frames * 2);
  for (size_t i = 0; i < frames * 2; ++i)
    m.samples[i] = static_cast<int16_t>(static_cast<uint16_t>(cdda[2 * i] | (cdda[2 * i + 1] << 8)));
  if (!FLAC__stream_encoder_process_interleaved(m.encoder, m.samples.data(), static_cast<uint32_t>(frames)))
    m.fail(m.state());
}

void FlacEncoder::finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.finished = true;
  // finish() also fails when the MD5 or the rewrite of STREAMINFO fails; the state says which.
  const bool ok = FLAC__stream_encoder_finish(m.encoder);
  if (m.failure) std::rethrow_exception(m.failure);
  if (!ok) m.fail(m.state());
}

}  // namespace dw
