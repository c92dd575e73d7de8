// A TCP load balancer in front of several server instances, as HAProxy in TCP mode or a cloud
// load balancer would be: each new connection goes to the next instance in turn, skipping one
// that refuses it; nothing sticks a client to an instance. When an instance dies, its
// connections close and the clients' reconnects land on the others.
import net from 'node:net';

export interface LoadBalancer {
  url: string;
  /** Where the next connections go, in turn (replace to add or take away instances). */
  backends: { host: string; port: number }[];
  close(): Promise<void>;
}

export async function startLoadBalancer(
  backends: { host: string; port: number }[] = [],
): Promise<LoadBalancer> {
  let next = 0;
  const open = new Set<net.Socket>();
  const balancer: LoadBalancer = { url: '', backends, close: () => Promise.resolve() };

  const connect = (client: net.Socket, triesLeft: number) => {
    const { backends: targets } = balancer;
    if (targets.length === 0 || triesLeft === 0) {
      client.destroy();
      return;
    }
    const target = targets[next++ % targets.length]!;
    const upstream = net.connect(target.port, target.host);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      open.add(upstream);
      upstream.on('close', () => open.delete(upstream));
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.resume();
    });
    upstream.once('error', () => {
      // Refused: that instance is down, the next one gets the connection.
      if (!connected) connect(client, triesLeft - 1);
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    connect(client, balancer.backends.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  balancer.url = `http://127.0.0.1:${port}`;
  balancer.close = async () => {
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return balancer;
}
