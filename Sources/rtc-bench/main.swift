import RTCTransport
import RTCAudio
import CNativeLoops
print(cnl_placeholder())
