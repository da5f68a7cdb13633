#include "buffer.hpp"

#include <cstring>
#include <stdexcept>

namespace sample {

namespace {

// roundUp gives the next power of two at least n.
std::size_t roundUp(std::size_t n)
{
	std::size_t r = 1;
	while (r < n)
		r <<= 1;
	return r;
}

const char hexDigits[] = "0123456789abcdef";

} // namespace

int globalBuffers = 0;
static const int kMaxGrow = 1 << 24;

Buffer::Buffer(std::size_t cap) : data_(roundUp(cap)), head_(0), used_(0)
{
	globalBuffers++;
}

Buffer::~Buffer()
{
	globalBuffers--;
}

Status Buffer::write(const byte_t *p, std::size_t n)
{
	if (n > kMaxGrow)
		return Status::Overflow;
	if (used_ + n > data_.size())
		grow(used_ + n);
	for (std::size_t i = 0; i < n; i++)
		data_[(head_ + used_ + i) % data_.size()] = p[i];
	used_ += n;
	return Status::Ok;
}

Status Buffer::read(byte_t *p, std::size_t n, std::size_t *got)
{
	std::size_t k = BUFFER_MIN(n, used_);
	for (std::size_t i = 0; i < k; i++)
		p[i] = data_[(head_ + i) % data_.size()];
	head_ = (head_ + k) % data_.size();
	used_ -= k;
	*got = k;
	return k < n ? Status::Short : Status::Ok;
}

void Buffer::clear()
{
	head_ = used_ = 0;
}

void Buffer::grow(std::size_t want)
{
	Bytes next(roundUp(want));
	for (std::size_t i = 0; i < used_; i++)
		next[i] = data_[(head_ + i) % data_.size()];
	data_.swap(next);
	head_ = 0;
}

Buffer *Buffer::fromString(const std::string &s)
{
	Buffer *b = new Buffer(s.size());
	b->write(reinterpret_cast<const byte_t *>(s.data()), s.size());
	return b;
}

template <typename T>
T *Pool<T>::take()
{
	if (free_.empty())
		return new T();
	T *t = free_.back();
	free_.pop_back();
	return t;
}

template <typename T>
void Pool<T>::give(T *t)
{
	free_.push_back(t);
}

Status LineParser::feed(Buffer &b)
{
	byte_t chunk[256];
	std::size_t got = 0;
	while (!b.empty()) {
		b.read(chunk, sizeof chunk, &got);
		for (std::size_t i = 0; i < got; i++) {
			if (chunk[i] == '\n') {
				lines_.push_back(partial_);
				partial_.clear();
			} else {
				partial_ += static_cast<char>(chunk[i]);
			}
		}
	}
	return Status::Ok;
}

std::string hexdump(const Span &s)
{
	std::string out;
	for (std::size_t i = 0; i < s.len; i++) {
		out += hexDigits[s.data[i] >> 4];
		out += hexDigits[s.data[i] & 15];
	}
	return out;
}

int checksum(const byte_t *p, std::size_t n)
{
	int sum = 0;
	while (n--)
		sum = (sum * 31 + *p++) & 0xffff;
	return sum;
}

struct Registry {
	std::vector<Parser *> parsers;
	void add(Parser *p) { parsers.push_back(p); }
	Parser *find(const char *name) const;
};

Parser *Registry::find(const char *name) const
{
	for (Parser *p : parsers)
		if (std::strcmp(p->name(), name) == 0)
			return p;
	return nullptr;
}

class Counter {
public:
	Counter() : n_(0) {}
	void operator()(const std::string &) { n_++; }
	int count() const { return n_; }

private:
	int n_;
};

union Word {
	std::uint32_t u;
	float f;
	byte_t b[4];
};

} // namespace sample

extern "C" int sample_checksum(const unsigned char *p, unsigned long n)
{
	return sample::checksum(p, n);
}

int main(int argc, char **argv)
{
	sample::LineParser lp;
	sample::Buffer *b = sample::Buffer::fromString(argc > 1 ? argv[1] : "a\nb\n");
	lp.feed(*b);
	delete b;
	return static_cast<int>(lp.lines().size());
}
