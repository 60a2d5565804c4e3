import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the peer address (`aws:SourceIp`).
struct WardenRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
