package io.sirenorder.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.sirenorder.local.JavaCommand;
import io.sirenorder.local.Ports;
import io.sirenorder.local.Topology;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's ceiling for HTTP on loopback: a minimal Netty server that answers every request {@code 200 ok}, in
 * a JVM of its own with the default JIT. The benchmark loads it as it loads the system, and reports every figure
 * also as a share of this one, so that runs on machines of different speed can be compared. Run as
 * {@code CalibrationServer <port>}; it serves until killed.
 */
public final class CalibrationServer {

    private static final ByteBuf OK = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII)).asReadOnly();

    private CalibrationServer() {
    }

    /**
     * Starts the server in a JVM of its own, loads it with wrk as the system is loaded ({@code connections}
     * connections, {@code warmUp} first), and stops it.
     */
    static Wrk.Result ceiling(int connections, Duration warmUp, Duration measured)
            throws IOException, InterruptedException {
        int port = Ports.freePort();
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary().toString()));
        command.addAll(JavaCommand.runMainClass(CalibrationServer.class));
        command.add(String.valueOf(port));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.DISCARD)
                .start();
        try {
            SystemHttp.awaitUntil(Duration.ofSeconds(30), "the calibration server to listen",
                    () -> Ports.isListening(port));
            String url = "http://" + Topology.HOST + ":" + port;
            Wrk.run(url, "get.lua", connections, warmUp, List.of("/"));
            return Wrk.run(url, "get.lua", connections, measured, List.of("/"));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new Ok());
                        }
                    })
                    .bind(new InetSocketAddress(Topology.HOST, port))
                    .sync()
                    .channel();
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Answers once the whole request has arrived, and keeps the connection open. */
    private static final class Ok extends SimpleChannelInboundHandler<HttpObject> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
            if (message instanceof LastHttpContent) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        OK.duplicate());
                response.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, OK.readableBytes());
                context.write(response);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
