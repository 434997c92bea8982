// The socket protocol between the LD_PRELOAD library (in the emulated program) and the virtual
// drive (in the discwright process). One request, one reply, on a Unix stream socket; a
// connection carries one request at a time, so every thread of every process has its own.
// Plain structs and libc only: this header is compiled into the preload library too.
//
// Request:  RequestHeader, then `out_len` bytes (data-out of a command, or the text of a log line).
// Reply:    ReplyHeader, then `transferred` bytes of data-in when the command read data.
// Log lines (kind Log) get no reply.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dw::emulate {

inline constexpr uint32_t kRequestMagic = 0x31455744;  // "DWE1"
inline constexpr uint32_t kReplyMagic = 0x31525744;    // "DWR1"
/// The largest data phase one request may carry (well above any host adapter's limit).
inline constexpr uint32_t kMaxData = 16u * 1024 * 1024;
inline constexpr uint32_t kMaxSense = 64;

enum class Kind : uint8_t { Command = 1, Log = 2 };
enum class Dir : uint8_t { None = 0, FromDevice = 1, ToDevice = 2 };

/// Host status values of the Linux SCSI layer that the reply may carry.
inline constexpr uint8_t kHostOk = 0x00;
inline constexpr uint8_t kHostNoConnect = 0x01;  ///< DID_NO_CONNECT: the drive is gone
inline constexpr uint8_t kHostTimeOut = 0x03;    ///< DID_TIME_OUT: the command never completed
inline constexpr uint8_t kHostError = 0x07;      ///< DID_ERROR
/// Not a host status: the request was refused before it reached the drive (the kernel's EINVAL,
/// e.g. a transfer above the queue's limit).
inline constexpr uint8_t kHostRefused = 0xFF;

struct RequestHeader {
  uint32_t magic = kRequestMagic;
  uint8_t kind = static_cast<uint8_t>(Kind::Command);
  uint8_t cdb_len = 0;
  uint8_t direction = 0;
  uint8_t reserved = 0;
  uint32_t out_len = 0;     ///< bytes following this header
  uint32_t in_len = 0;      ///< data-in buffer size
  uint32_t timeout_ms = 0;  ///< the host's timeout for the command
  uint8_t cdb[16] = {};
};
static_assert(sizeof(RequestHeader) == 36);

struct ReplyHeader {
  uint32_t magic = kReplyMagic;
  uint8_t status = 0;       ///< SCSI status byte
  uint8_t host_status = 0;  ///< kHost*
  uint8_t sense_len = 0;
  uint8_t reserved = 0;
  uint32_t transferred = 0;  ///< data-in bytes following / data-out bytes taken
  uint32_t duration_us = 0;  ///< the drive's time for the command
  uint8_t sense[kMaxSense] = {};
};
static_assert(sizeof(ReplyHeader) == 80);

/// Why a request header cannot be served (a text for the log), or nullptr when it is well formed.
const char* check_request(const RequestHeader& h);
/// Why a reply header does not answer a request with data-in buffer `in_len`, or nullptr.
const char* check_reply(const ReplyHeader& h, uint32_t in_len);

/// Waits up to `spin_us` microseconds, without sleeping, for bytes to arrive on `fd` (true when
/// they did). Programs send commands back to back: a side that spins between them answers the
/// next one without the wake-up of a sleeping thread (tens of microseconds on a virtual machine).
bool spin_until_readable(int fd, unsigned spin_us);
/// Reads exactly `size` bytes; false on EOF or error (EINTR is retried).
bool read_full(int fd, void* data, size_t size);
/// Writes all of a header and a payload with one sendmsg where possible; false on error.
bool write_two(int fd, const void* a, size_t a_size, const void* b, size_t b_size);

}  // namespace dw::emulate
