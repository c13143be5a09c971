package jetstream

import (
	"fmt"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServeOptions configure an embedded team server.
type ServeOptions struct {
	// Config is a nats-server configuration file (users, permissions,
	// TLS, cluster); its JetStream settings apply. "" for none.
	Config string
	Host   string // default 127.0.0.1 (set 0.0.0.0 to serve a newsroom's network)
	Port   int    // default 4222; -1 picks a free one
	// Dir holds the JetStream data when the config does not say.
	Dir string
}

// Serve starts a NATS server with JetStream in this process, for a small
// team without one of its own; it is the same server Debian packages.
func Serve(o ServeOptions) (*server.Server, error) {
	opts := &server.Options{}
	if o.Config != "" {
		var err error
		if opts, err = server.ProcessConfigFile(o.Config); err != nil {
			return nil, fmt.Errorf("team server config %s: %w", o.Config, err)
		}
	}
	opts.JetStream = true
	if opts.StoreDir == "" {
		opts.StoreDir = o.Dir
	}
	if o.Host != "" || opts.Host == "" {
		opts.Host = o.Host
		if opts.Host == "" {
			opts.Host = "127.0.0.1"
		}
	}
	if o.Port != 0 || opts.Port == 0 {
		opts.Port = o.Port
		if opts.Port == 0 {
			opts.Port = 4222
		}
	}
	opts.NoSigs = true
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("starting the team server: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("the team server did not start on %s:%d (is the port in use?)", opts.Host, opts.Port)
	}
	return ns, nil
}
