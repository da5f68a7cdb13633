package code

import "fmt"

// sizeWithBytes is "308 bytes" or "1.5 KiB (1,536 bytes)".
func sizeWithBytes(n int64) string {
	if n < 1<<10 {
		return humanSize(n)
	}
	return fmt.Sprintf("%s (%s bytes)", humanSize(n), commas(int(n)))
}
