// placeholder
import GraderModel
