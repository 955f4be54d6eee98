namespace InterviewTextLine.TestKit;
internal static class AssemblyMarker;
