package main

import (
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/parallax-news/parallax/internal/testenv"
)

// BenchmarkCLIImportBBC runs the real binary on the BBC corpus, as a user
// would, and reports its throughput and peak resident memory.
func BenchmarkCLIImportBBC(b *testing.B) {
	root := testenv.Data(b, "news-corpus", "bbc")
	var args []string
	for _, c := range []string{"business", "entertainment", "politics", "sport", "tech"} {
		args = append(args, filepath.Join(root, c))
	}
	bin := buildCLI(b)
	var peakKiB int64
	for b.Loop() {
		dir := b.TempDir()
		cmd := exec.Command(bin, append([]string{"--store", dir, "import", "-q", "--outlet", "BBC"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKiB = max(peakKiB, ru.Maxrss)
		}
	}
	b.ReportMetric(2225*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(peakKiB)/1024, "peak-RSS-MiB")
}
