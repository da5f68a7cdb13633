// A small ring buffer and the parsers that read from it: the shapes a
// reviewer meets in C++ code (namespaces, classes, templates, operators,
// out-of-line methods, enums, free functions, macros).
#ifndef SAMPLE_BUFFER_HPP
#define SAMPLE_BUFFER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#define BUFFER_DEFAULT_SIZE 4096
#define BUFFER_MIN(a, b) ((a) < (b) ? (a) : (b))

namespace sample {

enum class Status { Ok, Short, Overflow, Closed };

enum LegacyFlags {
	FLAG_NONE = 0,
	FLAG_EOF = 1,
	FLAG_ERROR = 2,
};

typedef unsigned char byte_t;
using Bytes = std::vector<byte_t>;

struct Span {
	const byte_t *data;
	std::size_t len;
};

class Buffer {
public:
	explicit Buffer(std::size_t cap = BUFFER_DEFAULT_SIZE);
	~Buffer();
	Buffer(const Buffer &) = delete;
	Buffer &operator=(const Buffer &) = delete;

	Status write(const byte_t *p, std::size_t n);
	Status read(byte_t *p, std::size_t n, std::size_t *got);
	std::size_t size() const { return used_; }
	bool empty() const { return used_ == 0; }
	void clear();

	static Buffer *fromString(const std::string &s);

private:
	void grow(std::size_t want);

	Bytes data_;
	std::size_t head_;
	std::size_t used_;
};

template <typename T>
class Pool {
public:
	T *take();
	void give(T *t);
	std::size_t idle() const { return free_.size(); }

private:
	std::vector<T *> free_;
};

class Parser {
public:
	virtual ~Parser() = default;
	virtual Status feed(Buffer &b) = 0;
	virtual const char *name() const = 0;
};

class LineParser : public Parser {
public:
	Status feed(Buffer &b) override;
	const char *name() const override { return "line"; }
	const std::vector<std::string> &lines() const { return lines_; }

private:
	std::string partial_;
	std::vector<std::string> lines_;
};

std::string hexdump(const Span &s);
int checksum(const byte_t *p, std::size_t n);

} // namespace sample

#endif
