import COpus
import CAudioProcessing
