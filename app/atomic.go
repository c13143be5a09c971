package app

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file through write so that a crash or a failed
// write never leaves a half-written file at path: the data goes to a
// temporary file beside it, is synced, and only then renamed over path.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := createBeside(path)
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

// createBeside creates a new temporary file in path's folder with mode
// 0666 less the umask, as the final file would get from any other
// program (os.CreateTemp's 0600 would hide an export from the group).
func createBeside(path string) (*os.File, error) {
	dir := filepath.Dir(path)
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".parallax-%d.tmp", rand.Uint64()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no free temporary name in %s", dir)
}
