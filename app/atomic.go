package app

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file through write so that a crash or a failed
// write never leaves a half-written file at path: the data goes to a
// temporary file beside it, is synced, and only then renamed over path.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".parallax-*")
	if err != nil {
		return WrapError(EINVALID, err, "cannot write %s", path)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(bw); err != nil {
		tmp.Close()
		if ErrorCode(err) != EINTERNAL {
			return err
		}
		return WrapError(EINTERNAL, err, "writing %s", path)
	}
	err = bw.Flush()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return WrapError(EINTERNAL, err, "writing %s", path)
	}
	return nil
}
