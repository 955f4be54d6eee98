namespace InterviewTextLine.TableStorage;
internal static class AssemblyMarker;
